using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http;
using Sandbox.Auth.Apps;
using Sandbox.FhirStore;

namespace Sandbox.Auth.Server;

/// <summary>
/// Decides CORS per path: discovery documents and keys are open to every origin; the token,
/// introspection, revocation and FHIR endpoints only to origins of registered apps, taken
/// from their redirect and launch URLs.
/// </summary>
internal sealed class SandboxCorsPolicyProvider(AllowedOrigins origins) : ICorsPolicyProvider
{
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

        return Task.FromResult(IsProtectedPath(path) ? _appPolicy : null);
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
