using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;

namespace Sandbox.EhrUi.Security;

/// <summary>
/// A cookie whose value is a JSON document encrypted with Data Protection, so that the browser
/// can neither read nor change it and the EHR keeps no server-side state for it.
/// </summary>
/// <param name="protector">The protector whose purpose belongs to this cookie alone.</param>
/// <param name="name">The cookie's name.</param>
/// <param name="maxAge">How long the browser keeps the cookie, or null to drop it when the browser session ends.</param>
internal sealed class EncryptedJsonCookie<T>(IDataProtector protector, string name, TimeSpan? maxAge)
    where T : class
{
    /// <summary>
    /// Returns the cookie's document, or null when the cookie is missing. A tampered or
    /// unreadable cookie also reads as null, with the reason in <paramref name="invalid"/>.
    /// </summary>
    public T? Read(HttpRequest request, out Exception? invalid)
    {
        invalid = null;
        if (!request.Cookies.TryGetValue(name, out var value) || string.IsNullOrEmpty(value))
            return null;

        try
        {
            return JsonSerializer.Deserialize<T>(protector.Unprotect(Base64Url.DecodeFromChars(value)));
        }
        catch (Exception exception) when (exception is FormatException or CryptographicException or JsonException)
        {
            invalid = exception;
            return null;
        }
    }

    /// <summary>Writes <paramref name="document"/> as the cookie's new value.</summary>
    public void Write(HttpContext context, T document)
    {
        var value = Base64Url.EncodeToString(protector.Protect(JsonSerializer.SerializeToUtf8Bytes(document)));
        context.Response.Cookies.Append(name, value, Options(context.Request));
    }

    /// <summary>Deletes the cookie.</summary>
    public void Delete(HttpContext context) =>
        context.Response.Cookies.Delete(name, Options(context.Request));

    private CookieOptions Options(HttpRequest request) => new()
    {
        HttpOnly = true,
        IsEssential = true,
        SameSite = SameSiteMode.Lax,
        Secure = request.IsHttps,
        Path = "/",
        MaxAge = maxAge,
    };
}
