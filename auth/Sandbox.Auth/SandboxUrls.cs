using Microsoft.AspNetCore.Http;
using Sandbox.FhirStore;

namespace Sandbox.Auth;

/// <summary>The public URLs of the sandbox, derived from the request that reached it.</summary>
internal static class SandboxUrls
{
    /// <summary>The root, such as <c>http://localhost:5080/</c>.</summary>
    public static Uri Root(HttpRequest request) =>
        new($"{request.Scheme}://{request.Host}{request.PathBase}/");

    /// <summary>The FHIR base URL without a trailing slash: <c>iss</c> and <c>aud</c> for SMART apps.</summary>
    public static string FhirBase(HttpRequest request) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}{FhirStoreExtensions.FhirBasePath}";

    /// <summary>An absolute URL of a sandbox path.</summary>
    public static string Absolute(HttpRequest request, string path) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}{path}";

    /// <summary>Whether an <c>aud</c> value names this FHIR base, ignoring a trailing slash and letter case of the host.</summary>
    public static bool IsFhirBase(HttpRequest request, string? aud)
    {
        if (aud is null || !Uri.TryCreate(aud.TrimEnd('/'), UriKind.Absolute, out var given))
            return false;

        var expected = new Uri(FhirBase(request));
        return Uri.Compare(given, expected, UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
    }
}
