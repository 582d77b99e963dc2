using System.Net;
using Hl7.Fhir.Model;
using Sandbox.FhirStore.Formats;
using Sandbox.FhirStore.Storage;

namespace Sandbox.FhirStore.Operations.Bundles;

/// <summary>Entries of history Bundles, shared by the history interactions and history entries in a batch.</summary>
internal static class HistoryEntries
{
    /// <summary>Creates the history Bundle entry of one stored version: its resource, or none for a deletion, with request and response.</summary>
    public static Bundle.EntryComponent ToEntry(StoredResource version, string baseUrl)
    {
        var path = $"{version.ResourceType}/{version.Id}";
        var method = Method(version);
        var status = method switch
        {
            Bundle.HTTPVerb.DELETE => HttpStatusCode.NoContent,
            _ when version.VersionId == 1 => HttpStatusCode.Created,
            _ => HttpStatusCode.OK,
        };

        return new Bundle.EntryComponent
        {
            FullUrl = $"{baseUrl}/{path}",
            Resource = version.IsDeleted ? null : FhirSerializer.ParseTrustedJson(version.Json.Span),
            Request = new Bundle.RequestComponent { Method = method, Url = method == Bundle.HTTPVerb.POST ? version.ResourceType : path },
            Response = new Bundle.ResponseComponent
            {
                Status = BundleResponses.StatusText(status),
                Etag = $"W/\"{version.VersionId}\"",
                LastModified = version.LastUpdated,
            },
        };
    }

    /// <summary>
    /// Returns the recorded interaction of a version. Rows written before PATCH was recorded
    /// carry PUT for a patch. Without a recorded interaction, a first version counts as
    /// created by POST and a later one as written by PUT.
    /// </summary>
    private static Bundle.HTTPVerb Method(StoredResource version) => version switch
    {
        { IsDeleted: true } => Bundle.HTTPVerb.DELETE,
        { Method: "PUT" } => Bundle.HTTPVerb.PUT,
        { Method: "PATCH" } => Bundle.HTTPVerb.PATCH,
        { Method: "POST" } => Bundle.HTTPVerb.POST,
        { VersionId: 1 } => Bundle.HTTPVerb.POST,
        _ => Bundle.HTTPVerb.PUT,
    };
}
