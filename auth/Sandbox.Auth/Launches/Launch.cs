using Sandbox.Smart.Launch;

namespace Sandbox.Auth.Launches;

/// <summary>A created launch: its opaque id, what was asked, and when it expires.</summary>
public sealed record Launch(string Id, LaunchRequest Request, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt)
{
    /// <summary>The context the token response hands to the app.</summary>
    public LaunchContext Context => new(
        Request.Patient,
        Request.Encounter,
        Request.FhirContext,
        Request.Intent,
        Request.NeedPatientBanner,
        Request.SmartStyleUrl,
        Request.Tenant,
        Request.Extra);
}
