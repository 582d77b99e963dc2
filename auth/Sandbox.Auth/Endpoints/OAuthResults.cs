using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using OpenIddict.Server.AspNetCore;
using Sandbox.Auth.Pages.Auth;

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

    /// <summary>
    /// The authorize error page, for requests that must not be redirected, such as one with a
    /// redirect URI that does not match the registration.
    /// </summary>
    public static IResult ErrorPage(string error, string description) => new ErrorPageResult(new AuthorizeErrorModel(error, description));

    private sealed class ErrorPageResult(AuthorizeErrorModel model) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) =>
            AuthorizeErrorPage.WriteAsync(httpContext, model, httpContext.RequestAborted);
    }
}
