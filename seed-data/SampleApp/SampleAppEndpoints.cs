using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sandbox.SeedData.Apps;

namespace Sandbox.SeedData.SampleApp;

/// <summary>Serves the built-in sample SMART app's three static files from embedded resources.</summary>
internal static class SampleAppEndpoints
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        ["index.html"] = "text/html; charset=utf-8",
        ["app.js"] = "text/javascript; charset=utf-8",
        ["app.css"] = "text/css; charset=utf-8",
    };

    // The app loads only its own script and style, but may call any FHIR server the tester
    // names in a standalone launch, hence connect-src *.
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src *; img-src 'self' data:; "
        + "base-uri 'none'; form-action 'self'; frame-ancestors 'self'";

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(SeedApps.SampleAppPath + "{file?}", ServeFile).ExcludeFromDescription();

    private static IResult ServeFile(string? file, HttpContext context)
    {
        // Routing matches the path with and without its trailing slash, but the page's
        // relative links (app.js, app.css) and the redirect URI need the slash.
        if (string.IsNullOrEmpty(file) && context.Request.Path.Value?.EndsWith('/') != true)
            return Results.Redirect(SeedApps.SampleAppPath);

        var name = string.IsNullOrEmpty(file) ? "index.html" : file;
        if (!ContentTypes.TryGetValue(name, out var contentType))
            return Results.NotFound();

        var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"SampleApp/{name}");
        if (stream is null)
            return Results.NotFound();

        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Stream(stream, contentType);
    }
}
