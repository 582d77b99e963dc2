using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;
using Sandbox.Auth;
using Sandbox.FhirStore;
using Sandbox.FhirStore.Formats;
using Sandbox.Host.Proxy;
using OperationOutcome = Hl7.Fhir.Model.OperationOutcome;

namespace Sandbox.Host.Hosts;

/// <summary>
/// Rejects requests for a host name that the sandbox does not accept. A page on another site can
/// make its own host name resolve to 127.0.0.1 (DNS rebinding) and then read the sandbox's
/// responses as same-origin. Those include the open admin API with its client secrets, and
/// discovery documents that name that host as issuer. Such a request still carries the page's
/// host name in <c>Host</c>, so a loopback-only sandbox accepts only loopback names.
/// </summary>
public static class HostNameCheck
{
    private static readonly string[] LoopbackHosts = ["localhost", "*.localhost", "127.0.0.1", "[::1]"];

    /// <summary>Binds and validates <see cref="HostNameOptions"/>.</summary>
    public static IServiceCollection AddHostNameCheck(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HostNameOptions>()
            .Bind(configuration.GetSection(HostNameOptions.SectionName))
            .Validate(
                options => (options.AllowedHosts ?? []).All(IsValidEntry),
                "Sandbox:AllowedHosts must list host names without scheme or port (sandbox.example.org), '*.' and a domain, or '*'.")
            .ValidateOnStart();
        return services;
    }

    /// <summary>
    /// Adds the check. Call it after <c>UseProxyHeaders</c>, so that it checks the host name
    /// that a trusted proxy forwarded.
    /// </summary>
    public static WebApplication UseHostNameCheck(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<HostNameOptions>>().Value;
        var proxyEnabled = app.Services.GetRequiredService<IOptions<ProxyOptions>>().Value.Enabled;
        var server = app.Services.GetRequiredService<IServer>();

        // The listening addresses are known only once the server has started. Until then only
        // the start-up warm-up passes the start-up gate, and it calls the sandbox as 127.0.0.1.
        var allowed = ChooseAllowedHosts(options, restrictToLoopback: true);
        app.Lifetime.ApplicationStarted.Register(() =>
            allowed = ChooseAllowedHosts(options, LoopbackListening.IsLoopbackOnly(server) && !proxyEnabled));

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HostNameCheck));
        app.Use(async (context, next) =>
        {
            if (Volatile.Read(ref allowed) is { } hosts && !IsAllowed(hosts, context.Request.Host.Host))
            {
                Log.HostNameRejected(logger, context.Request.Host.Host, context.Request.Path, TraceId(context));
                await RejectAsync(context);
                return;
            }

            await next(context);
        });
        return app;
    }

    // Null means every host name is accepted.
    private static string[]? ChooseAllowedHosts(HostNameOptions options, bool restrictToLoopback)
    {
        if (options.AllowedHosts is { Length: > 0 } configured)
            return configured.Contains("*") ? null : [.. LoopbackHosts, .. configured];

        return restrictToLoopback ? LoopbackHosts : null;
    }

    private static bool IsAllowed(string[] hosts, string host) => hosts.Any(entry => Matches(entry, host));

    private static bool Matches(string entry, string host)
    {
        if (entry.StartsWith("*.", StringComparison.Ordinal))
            return host.EndsWith(entry[1..], StringComparison.OrdinalIgnoreCase) && host.Length > entry.Length - 1;

        return string.Equals(entry, host, StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsValidEntry(string entry)
    {
        if (entry == "*")
            return true;

        var name = entry.StartsWith("*.", StringComparison.Ordinal) ? entry[2..] : entry;
        if (name.StartsWith('[') && name.EndsWith(']'))
            return IPAddress.TryParse(name[1..^1], out var address) && address.AddressFamily == AddressFamily.InterNetworkV6;

        return Uri.CheckHostName(name) is UriHostNameType.Dns or UriHostNameType.IPv4;
    }

    private static async Task RejectAsync(HttpContext context)
    {
        var request = context.Request;
        var message = $"The sandbox does not accept the host name '{request.Host.Host}'. Call it as localhost or 127.0.0.1, "
            + "or add the name to Sandbox:AllowedHosts when it is served under another name.";
        context.Response.StatusCode = StatusCodes.Status400BadRequest;

        if (request.Path.StartsWithSegments(FhirStoreExtensions.FhirBasePath))
            await WriteOperationOutcomeAsync(context, message);
        else if (request.Path.StartsWithSegments("/api"))
            await Results.Problem(message, statusCode: StatusCodes.Status400BadRequest, title: "Host name not allowed").ExecuteAsync(context);
        else if (request.Path.StartsWithSegments("/auth") || request.Path.StartsWithSegments("/.well-known"))
            await Results.Json(new { error = "invalid_request", error_description = message }, statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(context);
        else
            await Results.Text($"Bad request\n\n{message}\n", "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(context);
    }

    // The W3C trace id: the FHIR store's errors carry it, and the traceId of /api ProblemDetails contains it.
    private static string TraceId(HttpContext context) => Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;

    private static async Task WriteOperationOutcomeAsync(HttpContext context, string message)
    {
        var outcome = OperationOutcomes.Create(
            OperationOutcome.IssueSeverity.Error,
            OperationOutcome.IssueType.Invalid,
            message,
            expression: null,
            traceId: TraceId(context));
        context.Response.ContentType = "application/fhir+json";
        await context.Response.Body.WriteAsync(FhirSerializer.ToJsonBytes(outcome));
    }
}
