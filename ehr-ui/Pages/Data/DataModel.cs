using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sandbox.FhirStore.Import;

namespace Sandbox.EhrUi.Pages.Data;

/// <summary>
/// The data page: imports a Bundle or NDJSON file through the store's import jobs and shows
/// the job's progress, which the page reloads every two seconds while the job runs.
/// </summary>
public sealed class DataModel(ImportJobs jobs) : PageModel
{
    /// <summary>The largest upload the page accepts, in bytes.</summary>
    public const long MaxUploadBytes = 64 * 1024 * 1024;

    [BindProperty(SupportsGet = true)]
    public string? Job { get; set; }

    public ImportJobStatus? Status { get; private set; }

    public string? ErrorMessage { get; private set; }

    public void OnGet() => Status = Job is null ? null : jobs.Find(Job)?.ToStatus();

    [RequestSizeLimit(MaxUploadBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes)]
    public async Task<IActionResult> OnPostImportAsync(IFormFile? upload, CancellationToken cancellationToken)
    {
        if (upload is null || upload.Length == 0)
        {
            ErrorMessage = "Choose a Bundle (.json) or NDJSON (.ndjson) file to import.";
            return Page();
        }

        using var buffer = new MemoryStream();
        await upload.CopyToAsync(buffer, cancellationToken);
        var isNdjson = upload.FileName.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase)
            || upload.ContentType.Contains("ndjson", StringComparison.OrdinalIgnoreCase);
        var job = jobs.Start(Path.GetFileName(upload.FileName), buffer.ToArray(), isNdjson);
        return LocalRedirect($"/data?job={Uri.EscapeDataString(job.Id)}");
    }
}
