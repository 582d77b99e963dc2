namespace Sandbox.FhirStore;

/// <summary>Limits of the FHIR REST API. Bound from the <c>Fhir</c> configuration section.</summary>
public sealed record FhirStoreOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Fhir";

    /// <summary>
    /// The largest request body accepted on <c>/fhir</c> and by the import endpoint, in bytes;
    /// larger bodies get 413. Default 64 MiB, room for large transaction Bundles.
    /// </summary>
    public long MaxRequestBodySize { get; init; } = 64L * 1024 * 1024;

    /// <summary>The page size of history and search when the client sends no <c>_count</c>. Default 50.</summary>
    public int DefaultPageSize { get; init; } = 50;

    /// <summary>
    /// The largest <c>_count</c> that history honours; larger values are lowered to it, with a
    /// warning in the Bundle. Default 1000.
    /// </summary>
    public int MaxPageSize { get; init; } = 1000;

    /// <summary>How many NDJSON lines the importer commits per transaction. Default 1000.</summary>
    public int ImportBatchSize { get; init; } = 1000;

    /// <summary>
    /// The maximum number of FHIRPath evaluation steps that the FHIRPath Patches of one
    /// request, the PATCH entries of a Bundle included, may take together. A patch that needs
    /// more gets 422 with the issue code <c>too-costly</c>. A step is one evaluated expression
    /// node or one further item of its result. Default 1,000,000.
    /// </summary>
    public long MaxPatchEvaluationSteps { get; init; } = 1_000_000;
}
