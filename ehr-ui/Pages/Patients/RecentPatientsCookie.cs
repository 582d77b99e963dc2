using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Sandbox.EhrUi.Fhir;

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

    private readonly IDataProtector _protector = dataProtection.CreateProtector("Sandbox.EhrUi.RecentPatients");

    /// <summary>Reads the list. A missing, tampered or unreadable cookie gives an empty list.</summary>
    public IReadOnlyList<RecentPatient> Read(HttpRequest request)
    {
        if (!request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value))
            return [];

        try
        {
            var json = _protector.Unprotect(Base64Url.DecodeFromChars(value));
            var patients = JsonSerializer.Deserialize<List<RecentPatient>>(json) ?? [];
            return patients.Where(p => EhrDataReader.IsValidId(p.Id)).Take(MaxPatients).ToList();
        }
        catch (Exception exception) when (exception is FormatException or CryptographicException or JsonException)
        {
            Log.RecentPatientsCookieInvalid(logger, exception);
            return [];
        }
    }

    /// <summary>Puts <paramref name="patient"/> at the top of the list and writes the cookie.</summary>
    public void Remember(HttpContext context, RecentPatient patient)
    {
        var patients = Add(Read(context.Request), patient);
        var json = JsonSerializer.SerializeToUtf8Bytes(patients);
        var value = Base64Url.EncodeToString(_protector.Protect(json));
        context.Response.Cookies.Append(CookieName, value, Options(context.Request));
    }

    /// <summary>Deletes the cookie.</summary>
    public void Clear(HttpContext context) =>
        context.Response.Cookies.Delete(CookieName, Options(context.Request));

    /// <summary>Returns the list with <paramref name="patient"/> first, an older entry of it removed, cut to <see cref="MaxPatients"/>.</summary>
    public static IReadOnlyList<RecentPatient> Add(IReadOnlyList<RecentPatient> patients, RecentPatient patient)
    {
        return patients
            .Where(p => p.Id != patient.Id)
            .Prepend(patient)
            .Take(MaxPatients)
            .ToList();
    }

    private static CookieOptions Options(HttpRequest request) => new()
    {
        HttpOnly = true,
        IsEssential = true,
        SameSite = SameSiteMode.Lax,
        Secure = request.IsHttps,
        Path = "/",
        MaxAge = TimeSpan.FromDays(30),
    };
}
