using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sandbox.Auth.Apps;
using Sandbox.EhrUi.Fhir;
using Sandbox.EhrUi.Launching;
using Sandbox.EhrUi.Presentation;
using Sandbox.FhirStore;

namespace Sandbox.EhrUi.Pages.Apps;

/// <summary>
/// The launch options of one app, remembered for every later launch of it. With a patient,
/// the page offers that patient's problems as <c>fhirContext</c> items (one search).
/// </summary>
public sealed class LaunchOptionsModel(AppRegistry registry, LaunchOptionsStore store, EhrDataReader reader) : PageModel
{
    [BindProperty]
    public LaunchOptionsForm Form { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? Patient { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Encounter { get; set; }

    public SmartApp App { get; private set; } = null!;

    /// <summary>The patient's resources that can be picked as <c>fhirContext</c>, as reference and label.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ContextChoices { get; private set; } = [];

    public IReadOnlyList<string> Problems { get; private set; } = [];

    private const string ResetKey = "LaunchOptionsReset";

    /// <summary>Whether the page follows a reset to the defaults, shown once.</summary>
    public bool WasReset { get; private set; }

    public async Task<IActionResult> OnGetAsync(string clientId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(clientId, cancellationToken))
            return NotFound();

        WasReset = TempData[ResetKey] is true;
        Form = LaunchOptionsForm.From(store.Get(clientId));
        var offered = ContextChoices.Select(choice => choice.Key).ToHashSet(StringComparer.Ordinal);
        Form.OtherContext = string.Join('\n', Form.PickedContext.Where(reference => !offered.Contains(reference)));
        Form.PickedContext = Form.PickedContext.Where(offered.Contains).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string clientId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(clientId, cancellationToken))
            return NotFound();

        var options = Form.ToOptions(out var problems);
        if (problems.Count > 0)
        {
            Problems = problems;
            return Page();
        }

        store.Save(clientId, options);
        return EhrDataReader.IsValidId(Patient)
            ? LocalRedirect($"/patients/{Patient}/apps{(EhrDataReader.IsValidId(Encounter) ? $"?encounter={Encounter}" : "")}")
            : LocalRedirect("/apps");
    }

    /// <summary>
    /// Drops the app's saved options, so that its later launches use the defaults, and shows
    /// the page again with the defaults filled in.
    /// </summary>
    public async Task<IActionResult> OnPostResetAsync(string clientId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(clientId, cancellationToken))
            return NotFound();

        store.Reset(clientId);

        // Post/Redirect/Get: a reload of the page that shows the defaults must not post again.
        TempData[ResetKey] = true;
        var query = new List<string>();
        if (EhrDataReader.IsValidId(Patient))
            query.Add($"patient={Patient}");

        if (EhrDataReader.IsValidId(Encounter))
            query.Add($"encounter={Encounter}");

        var path = $"/apps/{Uri.EscapeDataString(clientId)}/launch-options";
        return LocalRedirect(query.Count == 0 ? path : $"{path}?{string.Join('&', query)}");
    }

    private async Task<bool> LoadAsync(string clientId, CancellationToken cancellationToken)
    {
        var app = await registry.FindAsync(clientId, cancellationToken);
        if (app is null)
            return false;

        App = app;
        if (EhrDataReader.IsValidId(Patient))
            ContextChoices = await LoadChoicesAsync(Patient!, cancellationToken);

        return true;
    }

    private async Task<IReadOnlyList<KeyValuePair<string, string>>> LoadChoicesAsync(string patientId, CancellationToken cancellationToken)
    {
        var parameters = new List<KeyValuePair<string, string>> { new("_sort", "-onset-date"), new("_count", "20") };
        try
        {
            var page = await reader.SearchAsync<Condition>($"Patient/{patientId}", parameters, FhirBaseUrl.For(Request), cancellationToken);
            return ChartRows.Problems(page.Matches)
                .Select(row => KeyValuePair.Create($"Condition/{row.Id}", $"Problem: {row.Problem} ({row.Onset})"))
                .ToList();
        }
        catch (FhirOperationException)
        {
            return [];
        }
    }
}
