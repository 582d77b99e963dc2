namespace Sandbox.FhirStore.Export;

/// <summary>The names, media types and file names of the export formats.</summary>
public static class ExportFormats
{
    /// <summary>The values of the <c>format</c> parameter, as the API and the data page accept them.</summary>
    public const string Accepted = "'ndjson' or 'bundle'";

    /// <summary>Parses a <c>format</c> parameter; null or empty means <see cref="ExportFormat.Ndjson"/>.</summary>
    public static bool TryParse(string? value, out ExportFormat format)
    {
        format = ExportFormat.Ndjson;
        if (string.IsNullOrEmpty(value) || value.Equals("ndjson", StringComparison.OrdinalIgnoreCase))
            return true;

        if (!value.Equals("bundle", StringComparison.OrdinalIgnoreCase))
            return false;

        format = ExportFormat.Bundle;
        return true;
    }

    /// <summary>Returns the media type of a format's download.</summary>
    public static string ContentType(ExportFormat format) =>
        format == ExportFormat.Ndjson ? "application/zip" : "application/fhir+json";

    /// <summary>Returns the download's file name, such as <c>sandbox-export-20261204T185500Z.zip</c>.</summary>
    public static string FileName(ExportFormat format, DateTimeOffset at)
    {
        var stamp = at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        return $"sandbox-export-{stamp}{(format == ExportFormat.Ndjson ? ".zip" : ".json")}";
    }
}
