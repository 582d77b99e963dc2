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

    /// <summary>
    /// Checks whether an <c>aud</c> value names this FHIR base. Scheme and host compare without
    /// letter case, as URLs define them, and one trailing slash is allowed. The path must match
    /// exactly, and a query or fragment makes the value another URL.
    /// </summary>
    public static bool IsFhirBase(HttpRequest request, string? aud)
    {
        if (aud is null || aud.AsSpan().IndexOfAny('?', '#') >= 0 || !Uri.TryCreate(aud, UriKind.Absolute, out var given))
            return false;

        var expected = new Uri(FhirBase(request));
        var path = given.AbsolutePath.Length > 1 && given.AbsolutePath.EndsWith('/') ? given.AbsolutePath[..^1] : given.AbsolutePath;
        return Uri.Compare(given, expected, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0
            && string.Equals(path, expected.AbsolutePath, StringComparison.Ordinal);
    }
}
