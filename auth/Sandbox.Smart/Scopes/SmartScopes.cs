namespace Sandbox.Smart.Scopes;

/// <summary>The scopes of SMART App Launch 2.2 that are not resource scopes.</summary>
public static class SmartScopes
{
    public const string Launch = "launch";
    public const string LaunchPatient = "launch/patient";
    public const string LaunchEncounter = "launch/encounter";
    public const string OpenId = "openid";
    public const string FhirUser = "fhirUser";
    public const string Profile = "profile";
    public const string OfflineAccess = "offline_access";
    public const string OnlineAccess = "online_access";

    /// <summary>Every non-resource scope the sandbox understands.</summary>
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Launch,
        LaunchPatient,
        LaunchEncounter,
        OpenId,
        FhirUser,
        Profile,
        OfflineAccess,
        OnlineAccess,
    };

    /// <summary>Whether the scope requests a refresh token: <c>offline_access</c> or <c>online_access</c>.</summary>
    public static bool RequestsRefreshToken(string scope) => scope is OfflineAccess or OnlineAccess;

    /// <summary>Splits a space-separated scope string into its distinct tokens, keeping their order.</summary>
    public static IReadOnlyList<string> Split(string? scope) =>
        string.IsNullOrWhiteSpace(scope)
            ? []
            : scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
}
