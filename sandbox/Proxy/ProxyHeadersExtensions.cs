using System.Net;
using System.Text.Json;
using OperationOutcome = Hl7.Fhir.Model.OperationOutcome;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using Sandbox.FhirStore;
using Sandbox.FhirStore.Formats;

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
    /// Applies the forwarded headers when <c>Sandbox:Proxy:Enabled</c> is true, and returns 400
    /// when they make the request's scheme or host invalid. Call it first, so that every later
    /// component reads the public scheme and host.
    /// </summary>
    public static WebApplication UseProxyHeaders(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<ProxyOptions>>().Value.Enabled)
            return app;

        app.UseForwardedHeaders();
        app.Use(RejectInvalidPublicBaseAsync);
        return app;
    }

    // The middleware applies a host with a port over 65535 and any scheme, and every URL the
    // sandbox builds from them would fail later with a 500.
    private static async Task RejectInvalidPublicBaseAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (IsValidPublicBase(request.Scheme, request.Host))
        {
            await next(context);
            return;
        }

        const string message = "The proxy's X-Forwarded-Proto must be http or https and its X-Forwarded-Host a host name with an optional port; fix the proxy's forwarded headers.";
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        if (request.Path.StartsWithSegments(FhirStoreExtensions.FhirBasePath))
        {
            var outcome = OperationOutcomes.Create(
                OperationOutcome.IssueSeverity.Error,
                OperationOutcome.IssueType.Invalid,
                message,
                expression: null,
                traceId: null);
            context.Response.ContentType = "application/fhir+json";
            await context.Response.Body.WriteAsync(FhirSerializer.ToJsonBytes(outcome));
        }
        else
        {
            context.Response.ContentType = "application/json";
            await JsonSerializer.SerializeAsync(context.Response.Body, new { error = "invalid_request", error_description = message });
        }
    }

    private static bool IsValidPublicBase(string scheme, HostString host) =>
        scheme is "http" or "https"
        && host.HasValue
        && Uri.TryCreate($"{scheme}://{host.Value}/", UriKind.Absolute, out var uri)
        && uri.AbsolutePath == "/"
        && uri.UserInfo.Length == 0
        && string.IsNullOrEmpty(uri.Query)
        && string.IsNullOrEmpty(uri.Fragment);

    private static void Configure(ForwardedHeadersOptions forwarded, ProxyOptions proxy)
    {
        // X-Forwarded-For is left alone: the client address stays the proxy's, and the admin
        // API's loopback check keeps treating a forwarded request as a remote one.
        // X-Forwarded-Prefix is left alone too, because the EHR pages, the CapabilityStatement's
        // OAuth URIs and the client assertion audience do not follow a path base.
        forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
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
