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
        .WithExposedHeaders("Location", "ETag", "Content-Location", "Last-Modified", "WWW-Authenticate", "Retry-After")
        .Build();

    public Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/.well-known") || path.Value?.EndsWith(AuthPaths.SmartConfiguration, StringComparison.Ordinal) == true
            || path.Equals(FhirStoreExtensions.FhirBasePath + "/metadata"))
        {
            return Task.FromResult<CorsPolicy?>(OpenPolicy);
        }

        var isProtected = ProtectedPaths.Any(prefix => path.StartsWithSegments(prefix));
        return Task.FromResult(isProtected ? _appPolicy : null);
    }
}
