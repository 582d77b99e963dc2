using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sandbox.Auth.Apps;
using Sandbox.Auth.Grants;
using Sandbox.EhrUi.Account;
using Sandbox.EhrUi.Fhir;
using Sandbox.EhrUi.Presentation;
using Sandbox.Smart.Scopes;
using Patient = Hl7.Fhir.Model.Patient;

namespace Sandbox.EhrUi.Pages.Account;

/// <summary>
/// The apps that hold access on the signed-in persona's behalf, each with its grants and a
/// button that revokes them. SMART discovery publishes this page as <c>management_endpoint</c>.
/// </summary>
public sealed class AppAccessModel(UserGrants grants, AppRegistry registry, EhrDataReader reader) : PageModel
{
    /// <summary>The path of the page.</summary>
    public const string PagePath = "/account/app-access";

    private const string RevokedKey = "AppAccessRevoked";

    // TempData travels in a cookie, and an app chooses its own name. Registration takes at most
    // 200 characters, but an app stored before that limit may have any length. A long name would
    // be split over many cookie chunks that the browser sends with every request, and past
    // Kestrel's 32 KB request header limit every page of the sandbox would return 431.
    private const int MaxRevokedNameLength = 100;

    private readonly Dictionary<string, string> _patientNames = new(StringComparer.Ordinal);

    public IReadOnlyList<AppAccess> Apps { get; private set; } = [];

    /// <summary>The name of the app whose access the last post revoked, shown once after the redirect.</summary>
    public string? RevokedAppName { get; private set; }

    public string? ErrorMessage { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        RevokedAppName = TempData[RevokedKey] as string;
        await LoadAsync(cancellationToken);
    }

    /// <summary>
    /// Revokes every grant the signed-in persona gave the app. A client id for which this persona
    /// has no valid grant revokes nothing and gets 404, even when another persona gave that app access.
    /// </summary>
    public async Task<IActionResult> OnPostRevokeAsync([FromForm] string? clientId, CancellationToken cancellationToken)
    {
        var revoked = string.IsNullOrEmpty(clientId)
            ? 0
            : await grants.RevokeAsync(SignedInUsername, clientId, cancellationToken);
        if (revoked == 0)
        {
            ErrorMessage = $"Nothing was revoked: you have no valid grant for an app with client_id '{clientId}'. "
                + "It may have been revoked already or have expired.";
            Response.StatusCode = StatusCodes.Status404NotFound;
            await LoadAsync(cancellationToken);
            return Page();
        }

        // Post/Redirect/Get: reloading the page that shows the result must not post again.
        var app = await registry.FindAsync(clientId!, cancellationToken);
        TempData[RevokedKey] = Shorten(app?.Name ?? clientId!);
        return LocalRedirect(PagePath);
    }

    // SignInRequiredFilter sends a visitor without a persona to the sign-in page before any handler runs.
    private string SignedInUsername => EhrSignIn.Current(HttpContext)?.Username
        ?? throw new InvalidOperationException("The app access page was reached without a signed-in persona.");

    /// <summary>Returns the patient's name and id, or the bare id when the record cannot be read.</summary>
    public string PatientLabel(string patientId) =>
        _patientNames.TryGetValue(patientId, out var name) ? $"{name} ({patientId})" : patientId;

    /// <summary>Describes in plain words until when the grant lasts and which token keeps it alive.</summary>
    public static string DescribeLifetime(AppGrant grant)
    {
        if (grant.RefreshTokenExpiresAt is { } refreshExpiry)
        {
            var scope = grant.Scopes.Contains(SmartScopes.OfflineAccess) ? SmartScopes.OfflineAccess
                : grant.Scopes.Contains(SmartScopes.OnlineAccess) ? SmartScopes.OnlineAccess
                : null;
            var reason = scope is null ? "" : $" ({scope})";
            return $"Until {FormatTime(refreshExpiry)}: the app holds a refresh token{reason} and can get new access tokens until then.";
        }

        return $"Until {FormatTime(grant.AccessTokenExpiresAt!.Value)}, when its access token expires. The app holds no refresh token.";
    }

    /// <summary>Formats a time as the EHR's launch pages do, in UTC.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " UTC";

    /// <summary>Returns the sentence the consent page shows for a scope.</summary>
    public static string DescribeScope(string scope) => ScopeDescriber.Describe(scope);

    private static string Shorten(string name)
    {
        if (name.Length <= MaxRevokedNameLength)
            return name;

        // Cutting between the two halves of a surrogate pair would leave an invalid string.
        var length = char.IsHighSurrogate(name[MaxRevokedNameLength - 1]) ? MaxRevokedNameLength - 1 : MaxRevokedNameLength;
        return string.Concat(name.AsSpan(0, length), "…");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Apps = await grants.ListAsync(SignedInUsername, cancellationToken);
        var patientIds = Apps
            .SelectMany(access => access.Grants)
            .Select(grant => grant.Patient)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal);
        foreach (var patientId in patientIds)
        {
            if (await reader.ReadAsync<Patient>(patientId, cancellationToken) is { } patient)
                _patientNames[patientId] = FhirDisplay.PersonName(patient.Name);
        }
    }
}
