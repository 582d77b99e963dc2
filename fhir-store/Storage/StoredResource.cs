namespace Sandbox.FhirStore.Storage;

/// <summary>
/// One stored version of a resource. <see cref="Json"/> is the resource as FHIR JSON with
/// <c>meta.versionId</c> and <c>meta.lastUpdated</c> already set; it is empty for a deletion.
/// </summary>
public sealed record StoredResource(
    string ResourceType,
    string Id,
    int VersionId,
    DateTimeOffset LastUpdated,
    bool IsDeleted,
    ReadOnlyMemory<byte> Json)
{
    /// <summary>
    /// The interaction that wrote this version as the store records it (<c>POST</c>,
    /// <c>PUT</c>, <c>PATCH</c> or <c>DELETE</c>), or null where a read does not load it.
    /// Only history reads load it.
    /// </summary>
    public string? Method { get; init; }
}
