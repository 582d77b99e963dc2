using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Sandbox.Host.Proxy;

/// <summary>Registers ASP.NET Core's forwarded-headers middleware for a sandbox behind a reverse proxy.</summary>
public static class ProxyHeadersExtensions
{
    private static readonly string[] LoopbackProxies = ["127.0.0.1", "::1"];

    /// <summary>Binds and validates <see cref="ProxyOptions"/> and configures the forwarded headers from them.</summary>
    public static IServiceCollection AddProxyHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ProxyOptions>()
            .Bind(configuration.GetSection(ProxyOptions.SectionName))
            .Validate(
                options => TrustedEntries(options).All(entry => IsAddress(entry) || IsNetwork(entry)),
                "Sandbox:Proxy:TrustedProxies must list IP addresses (127.0.0.1) or CIDR ranges (10.0.0.0/8).")
            .ValidateOnStart();

        services.AddOptions<ForwardedHeadersOptions>()
            .Configure<IOptions<ProxyOptions>>((forwarded, proxy) => Configure(forwarded, proxy.Value));
        return services;
    }

    /// <summary>
    /// Applies the forwarded headers when <c>Sandbox:Proxy:Enabled</c> is true. Call it first,
    /// so that every later component sees the public scheme, host and path base.
    /// </summary>
    public static WebApplication UseProxyHeaders(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ProxyOptions>>().Value.Enabled)
            app.UseForwardedHeaders();

        return app;
    }

    private static void Configure(ForwardedHeadersOptions forwarded, ProxyOptions proxy)
    {
        // X-Forwarded-For is left alone: the client address stays the proxy's, and the admin
        // API's loopback check keeps treating a forwarded request as a remote one.
        forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedProto
            | ForwardedHeaders.XForwardedHost
            | ForwardedHeaders.XForwardedPrefix;
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var entry in TrustedEntries(proxy))
        {
            if (IsNetwork(entry))
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(entry));
            else
                forwarded.KnownProxies.Add(IPAddress.Parse(entry));
        }
    }

    private static string[] TrustedEntries(ProxyOptions options) =>
        options.TrustedProxies is { Length: > 0 } entries ? entries : LoopbackProxies;

    private static bool IsAddress(string entry) => !entry.Contains('/') && IPAddress.TryParse(entry, out _);

    private static bool IsNetwork(string entry) => entry.Contains('/') && System.Net.IPNetwork.TryParse(entry, out _);
}
