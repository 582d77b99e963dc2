using Microsoft.AspNetCore.Mvc.RazorPages;
using Sandbox.Auth.Apps;
using Sandbox.EhrUi.Fhir;

namespace Sandbox.EhrUi.Pages.Apps;

/// <summary>The list of registered apps.</summary>
public sealed class AppListModel(AppRegistry registry) : PageModel
{
    public IReadOnlyList<SmartApp> Apps { get; private set; } = [];

    public string Iss => FhirBaseUrl.For(Request).ToString();

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Apps = (await registry.ListAsync(cancellationToken)).OrderBy(app => app.Name, StringComparer.OrdinalIgnoreCase).ToList();
}
