using System.Globalization;
using Sandbox.FhirStore.Storage;

namespace Sandbox.FhirStore.Operations;

/// <summary>
/// The conditional read of FHIR R4: <c>If-None-Match</c> and <c>If-Modified-Since</c>, sent as
/// headers of a read or as <c>ifNoneMatch</c> and <c>ifModifiedSince</c> of a Bundle entry.
/// </summary>
internal static class ConditionalRead
{
    /// <summary>
    /// Checks whether the client's copy is current, so the read returns 304 Not Modified.
    /// <paramref name="ifNoneMatch"/> is a comma-separated list of ETags or <c>*</c>. When it is
    /// present, <paramref name="ifModifiedSince"/> is ignored, because the ETag is the more precise check.
    /// </summary>
    public static bool IsNotModified(StoredResource stored, string? ifNoneMatch, DateTimeOffset? ifModifiedSince)
    {
        if (!string.IsNullOrEmpty(ifNoneMatch))
        {
            var version = stored.VersionId.ToString(CultureInfo.InvariantCulture);
            var etag = $"W/\"{version}\"";
            return ifNoneMatch.Split(',', StringSplitOptions.TrimEntries)
                .Any(value => value == "*" || value == etag || value == $"\"{version}\"");
        }

        // HTTP dates have whole seconds, so the stored time is compared at that precision.
        var lastModifiedSeconds = stored.LastUpdated.ToUnixTimeSeconds();
        return ifModifiedSince is { } since && lastModifiedSeconds <= since.ToUnixTimeSeconds();
    }
}
