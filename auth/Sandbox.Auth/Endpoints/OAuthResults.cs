using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using OpenIddict.Server.AspNetCore;

namespace Sandbox.Auth.Endpoints;

/// <summary>OAuth error answers produced through OpenIddict, so the shape and <c>state</c> are right.</summary>
internal static class OAuthResults
{
    /// <summary>
    /// Returns an OAuth error: on the authorize endpoint a redirect to the app with
    /// <c>error</c>, <c>error_description</c> and <c>state</c>; on the token endpoint a JSON body.
    /// </summary>
    public static IResult Error(string error, string description)
    {
        var properties = new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        });
        return Results.Forbid(properties, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    /// <summary>An HTML error page for requests that must not be redirected, such as a bad redirect URI.</summary>
    public static IResult ErrorPage(int statusCode, string error, string description)
    {
        var html = $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Authorization error</title></head>
            <body><main><h1>Authorization error</h1>
            <p><strong>{System.Net.WebUtility.HtmlEncode(error)}</strong></p>
            <p>{System.Net.WebUtility.HtmlEncode(description)}</p></main></body></html>
            """;
        return new FramelessHtml(statusCode, html);
    }

    private sealed class FramelessHtml(int statusCode, string html) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            Interaction.FrameProtection.Apply(httpContext.Response);
            return Results.Content(html, "text/html; charset=utf-8", statusCode: statusCode).ExecuteAsync(httpContext);
        }
    }
}
