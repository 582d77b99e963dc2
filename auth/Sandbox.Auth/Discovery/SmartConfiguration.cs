using Microsoft.AspNetCore.Http;
using Sandbox.Smart.Discovery;
using Sandbox.Smart.Scopes;

namespace Sandbox.Auth.Discovery;

/// <summary>
/// The SMART discovery document served at <c>/fhir/.well-known/smart-configuration</c>, as
/// SMART App Launch 2.2 section "Conformance" lists its fields.
/// </summary>
internal static class SmartConfiguration
{
    private static readonly string[] ScopesSupported =
    [
        .. SmartScopes.All,
        "patient/*.cruds",
        "user/*.cruds",
        "system/*.cruds",
        "patient/*.read",
        "patient/*.write",
        "user/*.read",
        "user/*.write",
        "system/*.read",
        "system/*.write",
    ];

    /// <summary>Builds the document for the URLs this request reached the sandbox by.</summary>
    public static Dictionary<string, object> Build(HttpRequest request, DiscoveryOptions options)
    {
        var document = BuildEndpoints(request);
        if (options.ManagementPath is { } managementPath)
            document["management_endpoint"] = SandboxUrls.Absolute(request, managementPath);

        return document;
    }

    private static Dictionary<string, object> BuildEndpoints(HttpRequest request) => new()
    {
        // Required fields.
        ["issuer"] = SandboxUrls.Root(request).AbsoluteUri,
        ["jwks_uri"] = SandboxUrls.Absolute(request, AuthPaths.Jwks),
        ["authorization_endpoint"] = SandboxUrls.Absolute(request, AuthPaths.Authorize),
        ["grant_types_supported"] = new[] { "authorization_code", "refresh_token", "client_credentials" },
        ["token_endpoint"] = SandboxUrls.Absolute(request, AuthPaths.Token),
        ["capabilities"] = SmartCapabilities.Supported,
        ["code_challenge_methods_supported"] = new[] { "S256" },

        // Recommended fields. management_endpoint, also recommended, is added by Build when
        // a module serves that page.
        ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_basic", "client_secret_post", "private_key_jwt" },
        ["token_endpoint_auth_signing_alg_values_supported"] = Server.ClientAssertionAlgorithms.Supported,
        ["registration_endpoint"] = SandboxUrls.Absolute(request, AuthPaths.Register),
        ["scopes_supported"] = ScopesSupported,
        ["response_types_supported"] = new[] { "code" },
        ["introspection_endpoint"] = SandboxUrls.Absolute(request, AuthPaths.Introspect),
        ["revocation_endpoint"] = SandboxUrls.Absolute(request, AuthPaths.Revoke),
    };
}
