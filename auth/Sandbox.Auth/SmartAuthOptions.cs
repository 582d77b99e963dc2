namespace Sandbox.Auth;

/// <summary>Settings of the SMART authorization server, bound from the <c>Auth</c> section.</summary>
public sealed record SmartAuthOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Auth";

    /// <summary>
    /// When true, <c>/fhir</c> needs no access token and every request may do anything.
    /// Default false. Command line: <c>--open-fhir</c>.
    /// </summary>
    public bool OpenFhir { get; init; }

    /// <summary>
    /// Whether an unknown <c>client_id</c> is accepted as a public client with the redirect URI
    /// it sends. Default <see cref="LooseClientMode.Auto"/>: on only while every listening
    /// address is a loopback address.
    /// </summary>
    public LooseClientMode LooseClients { get; init; } = LooseClientMode.Auto;

    /// <summary>When true, plain HTTP is rejected on every OAuth endpoint. Default false.</summary>
    public bool RequireHttps { get; init; }

    /// <summary>How long a launch id stays usable. Default 1 hour.</summary>
    public TimeSpan LaunchLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How long an authorization code stays redeemable. Default 1 minute.</summary>
    public TimeSpan AuthorizationCodeLifetime { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Default access token lifetime, unless the app sets its own. Default 1 hour.</summary>
    public TimeSpan AccessTokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Refresh token lifetime for <c>offline_access</c>. Default 30 days.</summary>
    public TimeSpan OfflineRefreshTokenLifetime { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Refresh token lifetime for <c>online_access</c>. Default 8 hours.</summary>
    public TimeSpan OnlineRefreshTokenLifetime { get; init; } = TimeSpan.FromHours(8);

    /// <summary>Personas registered at start-up, in addition to those other modules add.</summary>
    public IReadOnlyList<Personas.Persona> Personas { get; init; } = [];
}
