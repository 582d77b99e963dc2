namespace Sandbox.Host.Hosts;

/// <summary>The host names the sandbox accepts, bound from the <c>Sandbox</c> section.</summary>
public sealed record HostNameOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Sandbox";

    /// <summary>
    /// Host names accepted in the <c>Host</c> header (or a trusted proxy's
    /// <c>X-Forwarded-Host</c>) besides <c>localhost</c>, its subdomains, <c>127.0.0.1</c> and
    /// <c>[::1]</c>, which are always accepted. An entry is a host name without port
    /// (<c>sandbox.example.org</c>), <c>*.</c> and a domain for its subdomains, or <c>*</c> for
    /// every host. When empty, the sandbox accepts only the loopback names while it listens on
    /// loopback addresses only and forwarded headers are off, and every host otherwise.
    /// </summary>
    public string[]? AllowedHosts { get; init; }
}
