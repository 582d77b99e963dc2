using System.Collections.Concurrent;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Sandbox.Auth.Apps;
using Sandbox.FhirStore;

namespace Sandbox.Auth.Server;

/// <summary>
/// Decides CORS per path: discovery documents and keys are open to every origin; the token,
/// introspection, revocation and FHIR endpoints only to origins of registered apps, taken
/// from their redirect and launch URLs. The first rejected request from each origin is logged
/// as a warning, because the browser shows the app only a generic CORS failure.
/// </summary>
internal sealed class SandboxCorsPolicyProvider(AllowedOrigins origins, ILogger<SandboxCorsPolicyProvider> logger) : ICorsPolicyProvider
{
    // The maximum number of origins remembered, so made-up origins take bounded memory. Origins
    // beyond it are not logged.
    private const int MaxLoggedOrigins = 1000;

    private readonly ConcurrentDictionary<string, bool> _loggedOrigins = new(StringComparer.OrdinalIgnoreCase);

    private static readonly CorsPolicy OpenPolicy = new CorsPolicyBuilder()
        .AllowAnyOrigin().AllowAnyHeader().AllowAnyMethod().Build();

    private static readonly string[] ProtectedPaths =
        [AuthPaths.Token, AuthPaths.Introspect, AuthPaths.Revoke, AuthPaths.Register, FhirStoreExtensions.FhirBasePath];

    private readonly CorsPolicy _appPolicy = new CorsPolicyBuilder()
        .SetIsOriginAllowed(origins.Contains)
        .AllowAnyHeader()
        .AllowAnyMethod()
        .WithExposedHeaders(
            "Location", "ETag", "Content-Location", "Last-Modified", "WWW-Authenticate", "Retry-After",
            "X-Security-Context", "Content-Disposition")
        .Build();

    public Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName)
    {
        var path = context.Request.Path;
        if (IsOpenPath(path))
            return Task.FromResult<CorsPolicy?>(OpenPolicy);

        if (!IsProtectedPath(path))
            return Task.FromResult<CorsPolicy?>(null);

        LogFirstRejectedOrigin(context.Request);
        return Task.FromResult<CorsPolicy?>(_appPolicy);
    }

    // The CORS middleware calls GetPolicyAsync only for a request with an Origin header. A
    // browser also sends one on same-origin POSTs, which need no CORS headers.
    private void LogFirstRejectedOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (string.IsNullOrEmpty(origin) || origins.Contains(origin))
            return;

        if (string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase))
            return;

        if (_loggedOrigins.Count >= MaxLoggedOrigins || !_loggedOrigins.TryAdd(origin, true))
            return;

        Log.CorsOriginRejected(logger, request.Method, request.Path, origin);
    }

    /// <summary>Whether a request to <paramref name="path"/> gets CORS headers for some origins.</summary>
    public static bool HasPolicy(PathString path) => IsOpenPath(path) || IsProtectedPath(path);

    private static bool IsOpenPath(PathString path) =>
        path.StartsWithSegments("/.well-known")
        || path.Value?.EndsWith(AuthPaths.SmartConfiguration, StringComparison.Ordinal) == true
        || path.Equals(FhirStoreExtensions.FhirBasePath + "/metadata");

    private static bool IsProtectedPath(PathString path) =>
        ProtectedPaths.Any(prefix => path.StartsWithSegments(prefix));
}
