namespace Sandbox.Host.Proxy;

/// <summary>
/// Settings for running behind a reverse proxy, bound from <c>Sandbox:Proxy</c>. When
/// enabled, the <c>X-Forwarded-Proto</c> and <c>X-Forwarded-Host</c> headers of a trusted
/// proxy set the public base URL of every link the sandbox writes.
/// </summary>
public sealed record ProxyOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Sandbox:Proxy";

    /// <summary>Whether forwarded headers are applied. Default false: they are ignored.</summary>
    public bool Enabled { get; init; }

    /// <summary>
    /// The addresses (<c>10.0.0.5</c>) or CIDR ranges (<c>10.0.0.0/8</c>) of the proxies whose
    /// headers count. Null or empty means loopback only (<c>127.0.0.1</c> and <c>::1</c>).
    /// </summary>
    public string[]? TrustedProxies { get; init; }
}
