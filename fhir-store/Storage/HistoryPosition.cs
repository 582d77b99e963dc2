namespace Sandbox.FhirStore.Storage;

/// <summary>
/// The place of one version in history order (newest first), used to continue a history
/// after the last version a page showed. Versions written later sort before it, so they
/// never shift the pages that follow.
/// </summary>
/// <param name="LastUpdated">The version's <c>meta.lastUpdated</c>, in whole milliseconds.</param>
/// <param name="ResourceType">The version's resource type.</param>
/// <param name="Id">The version's resource id.</param>
/// <param name="VersionId">The version's number.</param>
public sealed record HistoryPosition(DateTimeOffset LastUpdated, string ResourceType, string Id, int VersionId)
{
    /// <summary>Creates the position of a stored version.</summary>
    public static HistoryPosition Of(StoredResource version) =>
        new(version.LastUpdated, version.ResourceType, version.Id, version.VersionId);
}
