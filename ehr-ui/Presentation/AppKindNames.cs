using Microsoft.AspNetCore.Mvc.Rendering;
using Sandbox.Auth.Apps;

namespace Sandbox.EhrUi.Presentation;

/// <summary>
/// Readable names of the client kinds, after the SMART App Launch client types: public,
/// confidential with a symmetric secret or an asymmetric key, and backend services.
/// </summary>
public static class AppKindNames
{
    /// <summary>Returns the name shown for <paramref name="kind"/>.</summary>
    public static string Of(AppKind kind) => kind switch
    {
        AppKind.Public => "Public (no secret, PKCE)",
        AppKind.ConfidentialSymmetric => "Confidential (client secret)",
        AppKind.ConfidentialAsymmetric => "Confidential (private key JWT)",
        AppKind.BackendService => "Backend service",
        _ => kind.ToString(),
    };

    /// <summary>The options of a select of client kinds; each value is the enum member name, as model binding expects.</summary>
    public static IReadOnlyList<SelectListItem> SelectItems(AppKind selected) =>
        Enum.GetValues<AppKind>()
            .Select(kind => new SelectListItem(Of(kind), kind.ToString(), kind == selected))
            .ToList();
}
