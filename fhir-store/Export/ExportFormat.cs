namespace Sandbox.FhirStore.Export;

/// <summary>The shapes in which the whole store can be exported.</summary>
public enum ExportFormat
{
    /// <summary>
    /// A zip archive with one NDJSON file per resource type, named <c>{type}.ndjson</c> as a
    /// FHIR Bulk Data export names its output files.
    /// </summary>
    Ndjson,

    /// <summary>
    /// One transaction Bundle with a <c>PUT {type}/{id}</c> entry per resource, which the
    /// import keeps ids from.
    /// </summary>
    Bundle,
}
