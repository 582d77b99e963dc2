namespace Sandbox.FhirStore.Search.Results;

/// <summary>A current resource read for a result page: its key, type, id and FHIR JSON body.</summary>
internal sealed record ResourceRow(long Key, string Type, string Id, byte[] Body);
