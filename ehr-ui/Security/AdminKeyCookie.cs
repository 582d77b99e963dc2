using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Sandbox.Auth.Admin;

namespace Sandbox.EhrUi.Security;

/// <summary>
/// The cookie in which the EHR keeps the admin key a user entered on the admin key page. The
/// key is encrypted with ASP.NET Core Data Protection, so the cookie never carries it in clear.
/// </summary>
public sealed class AdminKeyCookie(IDataProtectionProvider dataProtection)
{
    /// <summary>The cookie name.</summary>
    public const string Name = "sandbox-admin-key";

    private readonly IDataProtector _protector = dataProtection.CreateProtector("Sandbox.EhrUi.AdminKey");

    /// <summary>Stores the key for the browser session.</summary>
    public void Write(HttpContext context, string key) =>
        context.Response.Cookies.Append(Name, _protector.Protect(key), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/",
        });

    /// <summary>Reads the key from the cookie, or from the admin key headers when no cookie is set.</summary>
    public string? Read(HttpContext context)
    {
        if (!context.Request.Cookies.TryGetValue(Name, out var protectedKey))
            return AdminKeyGuard.ReadKey(context.Request);

        try
        {
            return _protector.Unprotect(protectedKey);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
