namespace Sandbox.Smart.Discovery;

/// <summary>
/// The SMART capability codes the sandbox advertises in its discovery document. Each one is
/// listed only because the authorization server implements it.
/// </summary>
public static class SmartCapabilities
{
    /// <summary>The capabilities in the order the discovery document lists them.</summary>
    public static IReadOnlyList<string> Supported { get; } =
    [
        "launch-ehr",
        "launch-standalone",
        "authorize-post",
        "client-public",
        "client-confidential-symmetric",
        "client-confidential-asymmetric",
        "sso-openid-connect",
        "context-passthrough-banner",
        "context-passthrough-style",
        "context-ehr-patient",
        "context-ehr-encounter",
        "context-standalone-patient",
        "context-standalone-encounter",
        "permission-offline",
        "permission-online",
        "permission-patient",
        "permission-user",
        "permission-v1",
        "permission-v2",
    ];
}
