using Hl7.Fhir.Model;
using Sandbox.FhirStore.Formats;

namespace Sandbox.FhirStore.Import;

public sealed partial class ResourceImporter
{
    private async System.Threading.Tasks.Task ImportNdjsonAsync(
        Stream content,
        Tally tally,
        CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(content);
        var batch = new List<(int LineNumber, Resource Resource)>(options.Value.ImportBatchSize);
        var lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
                continue;

            try
            {
                batch.Add((lineNumber, FhirSerializer.ParseImportedJson(System.Text.Encoding.UTF8.GetBytes(line))));
            }
            catch (FhirOperationException exception)
            {
                tally.Fail(1, $"Line {lineNumber}: {exception.Message}");
                continue;
            }

            if (batch.Count < options.Value.ImportBatchSize)
                continue;

            await ProcessLinesAsync(batch, tally, cancellationToken);
            batch.Clear();
        }

        if (batch.Count > 0)
            await ProcessLinesAsync(batch, tally, cancellationToken);
    }

    /// <summary>
    /// Stores a batch of lines in one transaction. When that transaction fails, each line is
    /// stored in its own, so one bad line costs only itself and its error names its line.
    /// </summary>
    private async System.Threading.Tasks.Task ProcessLinesAsync(
        List<(int LineNumber, Resource Resource)> lines,
        Tally tally,
        CancellationToken cancellationToken)
    {
        var batchTally = new Tally();
        await ProcessAsync(ToTransaction(lines), batchTally, cancellationToken);
        if (batchTally.Errors == 0 || lines.Count == 1)
        {
            tally.Add(batchTally, lines.Count == 1 ? $"Line {lines[0].LineNumber}: " : string.Empty);
            return;
        }

        // A failed transaction stored nothing, so every line is tried again.
        foreach (var line in lines)
        {
            var lineTally = new Tally();
            await ProcessAsync(ToTransaction([line]), lineTally, cancellationToken);
            tally.Add(lineTally, $"Line {line.LineNumber}: ");
        }
    }

    private static Bundle ToTransaction(IEnumerable<(int LineNumber, Resource Resource)> lines) =>
        ImportBundles.ToTransaction(lines.Select(line => ((string?)null, line.Resource)));
}
