namespace Sandbox.Testing;

/// <summary>How <see cref="SandboxServer.StartAsync"/> sets up the sandbox it starts.</summary>
public sealed record SandboxServerOptions
{
    /// <summary>
    /// What the fresh store is filled with: <c>default</c> (the seed population), <c>empty</c>,
    /// or a folder of Bundles to import. Default <c>default</c>.
    /// </summary>
    public string Seed { get; init; } = "default";

    /// <summary>
    /// A data folder to use and keep, for tests that restart on the same data. When null,
    /// a throwaway folder is created and deleted on dispose.
    /// </summary>
    public string? DataFolder { get; init; }

    /// <summary>
    /// When true, <c>/fhir</c> needs no access token and enforces no scopes (the sandbox's
    /// <c>--open-fhir</c> mode), for tests of FHIR behaviour rather than of authorization.
    /// Default false.
    /// </summary>
    public bool OpenFhir { get; init; }

    /// <summary>Further configuration keys and values, for example <c>Auth:OpenFhir</c>.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>
    /// An admin key to configure (<c>Admin:ApiKey</c>), which <see cref="SandboxServer.Client"/>
    /// then sends in <c>X-Admin-Key</c>. Default null: the admin API is open on loopback.
    /// </summary>
    public string? AdminApiKey { get; init; }
}
