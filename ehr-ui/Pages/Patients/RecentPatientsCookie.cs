using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Sandbox.EhrUi.Fhir;
using Sandbox.EhrUi.Security;

namespace Sandbox.EhrUi.Pages.Patients;

/// <summary>
/// Keeps the user's recently opened patients in an encrypted cookie, newest first, so the
/// patient list shows them without a search and without server-side state.
/// </summary>
public sealed class RecentPatientsCookie(IDataProtectionProvider dataProtection, ILogger<RecentPatientsCookie> logger)
{
    /// <summary>The cookie's name.</summary>
    public const string CookieName = "sandbox.ehr.recent";

    /// <summary>The maximum number of patients the cookie keeps.</summary>
    public const int MaxPatients = 8;

    private readonly EncryptedJsonCookie<List<RecentPatient>> _cookie = new(
        dataProtection.CreateProtector("Sandbox.EhrUi.RecentPatients"),
        CookieName,
        TimeSpan.FromDays(30));

    /// <summary>Reads the list. A missing, tampered or unreadable cookie gives an empty list.</summary>
    public IReadOnlyList<RecentPatient> Read(HttpRequest request)
    {
        var patients = _cookie.Read(request, out var invalid);
        if (invalid is not null)
            Log.RecentPatientsCookieInvalid(logger, invalid);

        return patients is null ? [] : patients.Where(p => EhrDataReader.IsValidId(p.Id)).Take(MaxPatients).ToList();
    }

    /// <summary>Puts <paramref name="patient"/> at the top of the list and writes the cookie.</summary>
    public void Remember(HttpContext context, RecentPatient patient) =>
        _cookie.Write(context, [.. Add(Read(context.Request), patient)]);

    /// <summary>Deletes the cookie.</summary>
    public void Clear(HttpContext context) => _cookie.Delete(context);

    /// <summary>Returns the list with <paramref name="patient"/> first, an older entry of it removed, cut to <see cref="MaxPatients"/>.</summary>
    public static IReadOnlyList<RecentPatient> Add(IReadOnlyList<RecentPatient> patients, RecentPatient patient)
    {
        return patients
            .Where(p => p.Id != patient.Id)
            .Prepend(patient)
            .Take(MaxPatients)
            .ToList();
    }
}
