using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sandbox.EhrUi.Launching;

namespace Sandbox.EhrUi.Pages.Scenarios;

/// <summary>Saves a launch the EHR made as a scenario, under a name and a description.</summary>
public sealed class ScenarioNewModel(EhrLaunchHistory history, ScenarioStore store) : PageModel
{
    private const string NameMissing = "A scenario needs a name.";

    [BindProperty(SupportsGet = true)]
    public string? Launch { get; set; }

    [BindProperty]
    [Required(ErrorMessage = NameMissing)]
    public string? Name { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    public EhrLaunch? Source { get; private set; }

    public IActionResult OnGet()
    {
        Source = Launch is null ? null : history.Find(Launch);
        if (Source is null)
            return NotFound();

        Name = $"{Source.AppName} for {Source.PatientId}";
        return Page();
    }

    public IActionResult OnPost()
    {
        Source = Launch is null ? null : history.Find(Launch);
        if (Source is null)
            return NotFound();

        // The Required attribute has already recorded NameMissing for an empty or blank name.
        if (string.IsNullOrWhiteSpace(Name))
            return Page();

        var scenario = store.Add(new LaunchScenario(
            string.Empty, Name.Trim(), string.IsNullOrWhiteSpace(Description) ? null : Description.Trim(),
            Source.User, Source.PatientId, Source.EncounterId, Source.ClientId, Source.Options));
        return LocalRedirect($"/scenarios/{scenario.Id}");
    }
}
