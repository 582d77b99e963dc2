namespace Sandbox.Auth.Admin;

/// <summary>Protection of the admin API under <c>/api</c>, bound from the <c>Admin</c> section.</summary>
public sealed record AdminOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Admin";

    /// <summary>
    /// The admin key. When set, every <c>/api</c> request needs it, on loopback too. When null,
    /// the API is open while the sandbox listens on loopback addresses only. On any other
    /// address, a key is generated into the data folder at first start and printed at each start.
    /// </summary>
    public string? ApiKey { get; init; }

    /// <summary>When true, a key is needed even on loopback (the generated one unless <see cref="ApiKey"/> is set). Default false.</summary>
    public bool RequireKey { get; init; }
}
