using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.DependencyInjection;
using Sandbox.Auth.Personas;
using Sandbox.EhrUi.Account;

namespace Sandbox.EhrUi.Security;

/// <summary>
/// Limits a patient persona signed in to the EHR to the charts it may open (its own and, for
/// a parent, its child's), as a patient portal would. Practitioner personas pass untouched.
/// The EHR's tools for testers (apps, data, launches, scenarios) are for practitioners only.
/// </summary>
public sealed class PatientPersonaFilter : IAsyncPageFilter
{
    private static readonly string[] PractitionerOnlyFolders = ["/Apps/", "/Data/", "/Launches/Launch", "/Scenarios/"];

    private const string ChartFolder = "/Chart/";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var user = EhrSignIn.Current(context.HttpContext);
        if (!IsPatient(user))
        {
            await next();
            return;
        }

        var personas = context.HttpContext.RequestServices.GetRequiredService<IPersonaStore>();
        var persona = await personas.FindAsync(user.Username, context.HttpContext.RequestAborted);
        var openable = persona?.OpenablePatientIds ?? [];
        var page = context.ActionDescriptor.ViewEnginePath;
        if (!MayOpen(user, page))
        {
            context.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
            return;
        }

        if (page.StartsWith(ChartFolder, StringComparison.Ordinal)
            && context.RouteData.Values["id"] is string patientId
            && !openable.Contains(patientId, StringComparer.Ordinal))
        {
            context.Result = new NotFoundResult();
            return;
        }

        OpenablePatients.Set(context.HttpContext, openable);
        await next();
    }

    /// <summary>
    /// Whether <paramref name="user"/> may open the page at <paramref name="page"/>, a Razor
    /// Pages view engine path such as <c>/Apps/AppList</c>. Views hide links to pages for
    /// which it returns false, because this filter rejects them with 403. Chart pages are checked per
    /// patient as well, when they are opened.
    /// </summary>
    public static bool MayOpen(EhrUser? user, string page) => !IsPatient(user) || !IsPractitionerOnly(page);

    private static bool IsPatient([NotNullWhen(true)] EhrUser? user) =>
        user is not null && user.Role == nameof(PersonaRole.Patient);

    // The launch frame stays open to patient personas: their launches from their own chart end there.
    private static bool IsPractitionerOnly(string page) =>
        StartsWithAny(page, PractitionerOnlyFolders) && !page.EndsWith("/LaunchFrame", StringComparison.Ordinal);

    private static bool StartsWithAny(string page, string[] prefixes) =>
        prefixes.Any(prefix => page.StartsWith(prefix, StringComparison.Ordinal));
}
