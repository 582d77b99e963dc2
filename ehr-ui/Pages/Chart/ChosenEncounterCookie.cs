using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Sandbox.EhrUi.Account;
using Sandbox.EhrUi.Fhir;

namespace Sandbox.EhrUi.Pages.Chart;

/// <summary>
/// Keeps the encounter chosen in each patient's chart in an encrypted browser-session cookie,
/// so that a chart opened without <c>?encounter=</c> shows the encounter chosen last time. The
/// cookie names the signed-in persona, is ignored for any other persona, and is deleted at
/// sign-out.
/// </summary>
public sealed class ChosenEncounterCookie(IDataProtectionProvider dataProtection, ILogger<ChosenEncounterCookie> logger)
{
    /// <summary>The cookie's name.</summary>
    public const string CookieName = "sandbox.ehr.encounters";

    /// <summary>The maximum number of patients whose encounter the cookie keeps; the oldest choice goes first.</summary>
    public const int MaxPatients = 20;

    private readonly IDataProtector _protector = dataProtection.CreateProtector("Sandbox.EhrUi.ChosenEncounters");

    /// <summary>Returns the encounter the signed-in persona chose for <paramref name="patientId"/>, or null.</summary>
    public string? Find(HttpContext context, string patientId) =>
        Read(context)?.Encounters.FirstOrDefault(entry => entry.Patient == patientId)?.Encounter;

    /// <summary>
    /// Remembers <paramref name="encounterId"/> as the chosen encounter of
    /// <paramref name="patientId"/>, or removes the patient's entry when it is null.
    /// </summary>
    public void Set(HttpContext context, string patientId, string? encounterId)
    {
        var username = EhrSignIn.Current(context)?.Username;
        if (username is null)
            return;

        var current = Read(context)?.Encounters ?? [];
        if (current.FirstOrDefault(entry => entry.Patient == patientId)?.Encounter == encounterId)
            return;

        var others = current.Where(entry => entry.Patient != patientId);
        var encounters = encounterId is null
            ? others.ToList()
            : others.Prepend(new ChosenEncounter(patientId, encounterId)).Take(MaxPatients).ToList();
        var json = JsonSerializer.SerializeToUtf8Bytes(new ChosenEncounters(username, encounters));
        context.Response.Cookies.Append(CookieName, Base64Url.EncodeToString(_protector.Protect(json)), Options(context.Request));
    }

    /// <summary>Deletes the cookie.</summary>
    public void Clear(HttpContext context) =>
        context.Response.Cookies.Delete(CookieName, Options(context.Request));

    // A missing, tampered or unreadable cookie, or one of another persona, reads as none.
    private ChosenEncounters? Read(HttpContext context)
    {
        var username = EhrSignIn.Current(context)?.Username;
        if (username is null || !context.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value))
            return null;

        try
        {
            var json = _protector.Unprotect(Base64Url.DecodeFromChars(value));
            var chosen = JsonSerializer.Deserialize<ChosenEncounters>(json);
            if (chosen?.User != username || chosen.Encounters is null)
                return null;

            var valid = chosen.Encounters.Where(entry => EhrDataReader.IsValidId(entry.Patient) && EhrDataReader.IsValidId(entry.Encounter));
            return chosen with { Encounters = valid.Take(MaxPatients).ToList() };
        }
        catch (Exception exception) when (exception is FormatException or CryptographicException or JsonException)
        {
            Log.ChosenEncounterCookieInvalid(logger, exception);
            return null;
        }
    }

    // No MaxAge, so the browser drops the cookie when its session ends, as it does the sign-in.
    private static CookieOptions Options(HttpRequest request) => new()
    {
        HttpOnly = true,
        IsEssential = true,
        SameSite = SameSiteMode.Lax,
        Secure = request.IsHttps,
        Path = "/",
    };

    private sealed record ChosenEncounters(string User, IReadOnlyList<ChosenEncounter> Encounters);

    private sealed record ChosenEncounter(string Patient, string Encounter);
}
