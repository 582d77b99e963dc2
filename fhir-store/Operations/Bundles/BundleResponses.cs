using System.Net;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using Microsoft.AspNetCore.WebUtilities;

namespace Sandbox.FhirStore.Operations.Bundles;

/// <summary>Builds the entries of batch-response and transaction-response Bundles.</summary>
internal static class BundleResponses
{
    public static Bundle Create(Bundle.BundleType type, IEnumerable<Bundle.EntryComponent> entries)
    {
        var bundle = new Bundle { Type = type, Id = ResourceTypes.NewId() };
        bundle.Entry.AddRange(entries);
        return bundle;
    }

    public static Bundle.EntryComponent ForWrite(EntryPlan plan, OperationResult result, BundleContext context)
    {
        var response = new Bundle.ResponseComponent { Status = StatusText(result.Status) };
        var entry = new Bundle.EntryComponent { Response = response };
        if (context.ReturnOutcome)
            AddOutcome(response, result);
        if (result.Stored is not { } stored)
            return entry;

        var path = $"{stored.ResourceType}/{stored.Id}";
        entry.FullUrl = $"{context.BaseUrl.ToString().TrimEnd('/')}/{path}";
        response.Location = $"{path}/_history/{stored.VersionId}";
        response.Etag = $"W/\"{stored.VersionId}\"";
        response.LastModified = stored.LastUpdated;
        if (!context.ReturnRepresentation || stored.IsDeleted)
            return entry;

        // The written resource already carries its new meta, so it is returned as it is,
        // except for PATCH (whose entry resource is the patch) and for an ifNoneExist match.
        // Either way it is the stored version, so the JSON writer can copy the stored bytes.
        var isWrittenResource = plan.Method is Bundle.HTTPVerb.POST or Bundle.HTTPVerb.PUT && plan.ExistingId is null;
        entry.Resource = isWrittenResource ? plan.Resource : Formats.FhirSerializer.ParseTrustedJson(stored.Json.Span);
        entry.Resource!.SetAnnotation(new StoredBody(stored.Json));
        return entry;
    }

    // A delete entry with an outcome reports 200, as DELETE over HTTP does, because 204 means no content.
    private static void AddOutcome(Bundle.ResponseComponent response, OperationResult result)
    {
        response.Outcome = OperationOutcomes.ForResult(result);
        if (result.Status == HttpStatusCode.NoContent)
            response.Status = StatusText(HttpStatusCode.OK);
    }

    public static Bundle.EntryComponent ForError(FhirOperationException exception) => new()
    {
        Response = new Bundle.ResponseComponent
        {
            Status = StatusText(exception.StatusCode),
            Outcome = OperationOutcomes.FromException(exception, null),
        },
    };

    public static string StatusText(HttpStatusCode status) =>
        $"{(int)status} {ReasonPhrases.GetReasonPhrase((int)status)}";

    /// <summary>
    /// Parses the version id from an ETag such as <c>W/"3"</c>; null when absent. The id is
    /// returned as sent, because HTTP compares entity tags character by character, so
    /// <c>W/"03"</c> is not the ETag of version 3 and must match no version.
    /// </summary>
    public static string? ParseVersion(string? etag)
    {
        if (string.IsNullOrWhiteSpace(etag))
            return null;

        var value = etag.Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal))
            value = value[2..];

        value = value.Trim('"');
        if (value.Length > 0 && value.All(char.IsAsciiDigit))
            return value;

        throw new FhirOperationException(
            HttpStatusCode.BadRequest,
            OperationOutcome.IssueType.Value,
            $"'{etag}' is not a version ETag; send it as W/\"<versionId>\".");
    }
}
