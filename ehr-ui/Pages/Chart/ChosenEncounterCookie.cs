using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Sandbox.EhrUi.Account;
using Sandbox.EhrUi.Fhir;
using Sandbox.EhrUi.Security;

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

    // No max age, so the browser drops the cookie when its session ends, as it does the sign-in.
    private readonly EncryptedJsonCookie<ChosenEncounters> _cookie = new(
        dataProtection.CreateProtector("Sandbox.EhrUi.ChosenEncounters"),
        CookieName,
        maxAge: null);

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
        _cookie.Write(context, new ChosenEncounters(username, encounters));
    }

    /// <summary>Deletes the cookie.</summary>
    public void Clear(HttpContext context) => _cookie.Delete(context);

    // A missing, tampered or unreadable cookie, or one of another persona, reads as none.
    private ChosenEncounters? Read(HttpContext context)
    {
        var username = EhrSignIn.Current(context)?.Username;
        if (username is null)
            return null;

        var chosen = _cookie.Read(context.Request, out var invalid);
        if (invalid is not null)
            Log.ChosenEncounterCookieInvalid(logger, invalid);
        if (chosen?.User != username || chosen.Encounters is null)
            return null;

        var valid = chosen.Encounters.Where(entry => EhrDataReader.IsValidId(entry.Patient) && EhrDataReader.IsValidId(entry.Encounter));
        return chosen with { Encounters = valid.Take(MaxPatients).ToList() };
    }

    private sealed record ChosenEncounters(string User, IReadOnlyList<ChosenEncounter> Encounters);

    private sealed record ChosenEncounter(string Patient, string Encounter);
}
