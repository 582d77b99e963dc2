using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;

namespace Sandbox.Auth.Interaction;

/// <summary>
/// Ties each interaction session to the browser that sent its authorization request, through a
/// random id in an HttpOnly cookie. Without it, anyone with a session id, such as the sender of
/// a link to the sign-in page, could submit the picker and consent pages in another browser.
/// That browser could then resume the request once the user had signed in, and receive the code.
/// </summary>
internal static class InteractionBrowser
{
    /// <summary>The cookie that carries the browser's id.</summary>
    public const string CookieName = "sandbox-auth-browser";

    // 16 random bytes in base64url without padding.
    private const int IdLength = 22;

    /// <summary>Returns the browser id of the request, and sets a new one in the response when the request has none.</summary>
    public static string GetOrIssue(HttpContext context)
    {
        if (Read(context) is { } existing)
            return existing;

        // SameSite=Lax, so that the top-level navigation from the app's site to the authorize
        // endpoint carries the cookie. An app that the EHR frames from another site gets neither
        // this cookie nor the pages' antiforgery cookie, which is SameSite=Strict by default.
        var id = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));
        context.Response.Cookies.Append(CookieName, id, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            Path = "/",
        });
        return id;
    }

    /// <summary>Returns whether the request comes from the browser that opened the session.</summary>
    public static bool Owns(HttpContext context, InteractionSession session) =>
        Read(context) is { } id
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(id), Encoding.ASCII.GetBytes(session.BrowserId));

    private static string? Read(HttpContext context) =>
        context.Request.Cookies.TryGetValue(CookieName, out var value) && value?.Length == IdLength ? value : null;
}
