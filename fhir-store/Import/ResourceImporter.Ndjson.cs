using Hl7.Fhir.Model;
using Sandbox.FhirStore.Formats;

namespace Sandbox.FhirStore.Import;

public sealed partial class ResourceImporter
{
    private async System.Threading.Tasks.Task ImportNdjsonAsync(
        Stream content,
        Tally tally,
        IProgress<int>? progress,
        CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(content);
        var batch = new List<Resource>(options.Value.ImportBatchSize);
        var lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
                continue;

            try
            {
                batch.Add(FhirSerializer.ParseTrustedJson(System.Text.Encoding.UTF8.GetBytes(line)));
            }
            catch (FhirOperationException exception)
            {
                tally.Fail(1, $"Line {lineNumber}: {exception.Message}");
                continue;
            }

            if (batch.Count < options.Value.ImportBatchSize)
                continue;

            await ProcessAsync(
                ImportBundles.ToTransaction(batch.Select(resource => ((string?)null, resource))),
                tally,
                progress,
                cancellationToken);
            batch.Clear();
        }

        if (batch.Count > 0)
            await ProcessAsync(
                ImportBundles.ToTransaction(batch.Select(resource => ((string?)null, resource))),
                tally,
                progress,
                cancellationToken);
    }
}
