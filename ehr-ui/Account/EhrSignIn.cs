using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Sandbox.Auth.Personas;
using Sandbox.Smart;

namespace Sandbox.EhrUi.Account;

/// <summary>
/// The EHR's sign-in cookie. It names a persona of the authorization server's
/// <see cref="IPersonaStore"/>; EHR launches pass that persona as the launch's user with
/// sign-in skipped, which is how the authorize endpoint learns who launched.
/// </summary>
public static class EhrSignIn
{
    /// <summary>The authentication scheme of the EHR cookie. It is never the default scheme.</summary>
    public const string Scheme = "SandboxEhr";

    /// <summary>The path of the persona sign-in page.</summary>
    public const string SignInPath = "/sign-in";

    private const string RoleClaim = "role";

    /// <summary>Signs <paramref name="persona"/> in, replacing any signed-in persona.</summary>
    public static Task SignInAsync(HttpContext context, Persona persona)
    {
        var identity = new ClaimsIdentity(Scheme, ClaimTypes.NameIdentifier, RoleClaim);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, persona.Username));
        identity.AddClaim(new Claim("name", persona.DisplayName));
        identity.AddClaim(new Claim(RoleClaim, persona.Role.ToString()));
        identity.AddClaim(new Claim(SmartParameters.FhirUser, persona.FhirUser));
        return context.SignInAsync(Scheme, new ClaimsPrincipal(identity));
    }

    /// <summary>Signs the persona out.</summary>
    public static Task SignOutAsync(HttpContext context) => context.SignOutAsync(Scheme);

    /// <summary>Reads the signed-in persona from the cookie, or returns null.</summary>
    public static async Task<EhrUser?> AuthenticateAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(Scheme);
        if (!result.Succeeded)
            return null;

        context.User = result.Principal;
        return EhrUser.From(result.Principal);
    }

    /// <summary>Returns the persona that <see cref="AuthenticateAsync"/> found for this request, or null.</summary>
    public static EhrUser? Current(HttpContext context) =>
        context.User.Identity?.AuthenticationType == Scheme ? EhrUser.From(context.User) : null;

    /// <summary>Returns the sign-in URL that comes back to <paramref name="returnUrl"/>.</summary>
    public static string SignInUrl(string? returnUrl) =>
        string.IsNullOrEmpty(returnUrl) ? SignInPath : $"{SignInPath}?returnUrl={Uri.EscapeDataString(returnUrl)}";

    internal static void Configure(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = "sandbox-ehr-user";
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.LoginPath = SignInPath;
        options.SlidingExpiration = true;
        options.ExpireTimeSpan = TimeSpan.FromHours(12);
    }

    internal static string? ReadRole(ClaimsPrincipal principal) => principal.FindFirst(RoleClaim)?.Value;
}
