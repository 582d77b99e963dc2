using Microsoft.AspNetCore.Http;

namespace Sandbox.EhrUi.Security;

/// <summary>
/// The patients a signed-in patient persona may open, kept on the request by
/// <see cref="PatientPersonaFilter"/>. No value means no limit (a practitioner persona).
/// </summary>
public static class OpenablePatients
{
    private static readonly object Key = new();

    public static void Set(HttpContext context, IReadOnlyList<string> patientIds) => context.Items[Key] = patientIds;

    /// <summary>Returns the patient ids the signed-in persona is limited to, or null when it has no limit.</summary>
    public static IReadOnlyList<string>? Get(HttpContext context) => context.Items[Key] as IReadOnlyList<string>;
}
