using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sandbox.FhirStore.Export;
using Sandbox.FhirStore.Import;
using Sandbox.SeedData.Loading;
using Sandbox.SeedData.Reset;

namespace Sandbox.EhrUi.Pages.Data;

/// <summary>
/// The data page: imports a Bundle or NDJSON file through the store's import jobs and shows
/// the job's progress (the page reloads every two seconds while the job runs), resets the
/// store to the seed or to empty, and downloads an export of the whole store.
/// </summary>
// Razor Pages ignores filter attributes on handler methods, so the upload limits sit on the
// class. They replace Kestrel's 30 MB body limit before the antiforgery check reads the form.
[RequestSizeLimit(MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes)]
public sealed class DataModel(
    ImportJobs jobs,
    SeedLoader seedLoader,
    StoreExporter exporter,
    TimeProvider timeProvider) : PageModel
{
    /// <summary>The largest upload the page accepts, in bytes.</summary>
    public const long MaxUploadBytes = 64 * 1024 * 1024;

    [BindProperty(SupportsGet = true)]
    public string? Job { get; set; }

    public ImportJobStatus? Status { get; private set; }

    private const string ResetKey = "DataReset";

    /// <summary>What the last reset did, shown once on the page the reset redirects to.</summary>
    public ResetResult? Reset { get; private set; }

    public string? ErrorMessage { get; private set; }

    public void OnGet()
    {
        Status = Job is null ? null : jobs.Find(Job)?.ToStatus();
        if (TempData[ResetKey] is string reset)
            Reset = JsonSerializer.Deserialize<ResetResult>(reset);
    }

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
        var job = jobs.TryStart(Path.GetFileName(upload.FileName), buffer.ToArray(), isNdjson);
        if (job is null)
        {
            ErrorMessage = "The file was not imported because the store is being reset. Import it again once the reset has finished.";
            return Page();
        }

        return LocalRedirect($"/data?job={Uri.EscapeDataString(job.Id)}");
    }

    /// <summary>Resets the store, but only when the confirmation box was ticked.</summary>
    public async Task<IActionResult> OnPostResetAsync(
        [FromForm] ResetTarget to,
        [FromForm] bool confirm,
        CancellationToken cancellationToken)
    {
        if (!confirm)
        {
            ErrorMessage = "The store was not reset: tick the box that confirms every resource will be replaced.";
            return Page();
        }

        // Post/Redirect/Get: reloading the page that shows the result must not reset again.
        var reset = await seedLoader.ResetAsync(to, cancellationToken);
        TempData[ResetKey] = JsonSerializer.Serialize(reset);
        return LocalRedirect("/data");
    }

    /// <summary>Streams the export as a download; the page itself is not rendered.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format)
    {
        if (!ExportFormats.TryParse(format, out var parsed))
        {
            ErrorMessage = $"Export format '{format}' is not supported; choose {ExportFormats.Accepted}.";
            return Page();
        }

        await ExportDownload.WriteAsync(HttpContext, exporter, parsed, timeProvider.GetUtcNow());
        return new EmptyResult();
    }
}
