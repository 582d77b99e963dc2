using System.Globalization;
using System.Net;
using Hl7.Fhir.Model;
using Resource = Hl7.Fhir.Model.Resource;

namespace Sandbox.FhirStore.Operations.Bundles;

/// <summary>One Bundle entry, validated and with its request URL taken apart.</summary>
internal sealed class EntryPlan
{
    private EntryPlan(
        int index,
        Bundle.EntryComponent entry,
        Bundle.RequestComponent request,
        Bundle.HTTPVerb method,
        string url)
    {
        Index = index;
        Entry = entry;
        Request = request;
        Method = method;
        Url = url;
    }

    public int Index { get; }

    public Bundle.EntryComponent Entry { get; }

    public Bundle.RequestComponent Request { get; }

    public Bundle.HTTPVerb Method { get; }

    /// <summary>The request URL relative to the FHIR base.</summary>
    public string Url { get; }

    /// <summary>The resource type of the URL, or null for a system-level request.</summary>
    public string? ResourceType { get; private set; }

    /// <summary>The id in the URL, or the id that identity resolution chose.</summary>
    public string? Id { get; set; }

    public int? VersionId { get; private set; }

    /// <summary>The query string of a conditional or search URL.</summary>
    public string? Query { get; private set; }

    public Resource? Resource => Entry.Resource;

    /// <summary>The id of the resource that <c>ifNoneExist</c> matched; the entry then creates nothing.</summary>
    public string? ExistingId { get; set; }

    /// <summary>The order in which FHIR processes transaction entries: DELETE, POST, PUT and PATCH, then GET.</summary>
    public int ProcessingOrder => Method switch
    {
        Bundle.HTTPVerb.DELETE => 0,
        Bundle.HTTPVerb.POST => 1,
        Bundle.HTTPVerb.PUT => 2,
        Bundle.HTTPVerb.PATCH => 3,
        _ => 4,
    };

    public bool IsRead => Method is Bundle.HTTPVerb.GET or Bundle.HTTPVerb.HEAD;

    /// <summary>Whether the entry is a PUT, DELETE or PATCH that finds its target by a search in its URL.</summary>
    public bool IsConditionalWrite =>
        (Method is Bundle.HTTPVerb.PUT or Bundle.HTTPVerb.DELETE or Bundle.HTTPVerb.PATCH) && Id is null && Query is not null;

    /// <summary>Whether a PUT entry carries <c>ifNoneMatch</c> <c>*</c>, so that it only creates a resource that does not exist.</summary>
    public bool IsCreateOnly { get; private set; }

    /// <summary>Whether the URL asks for history (<c>_history</c>, <c>Type/_history</c> or <c>Type/id/_history</c>).</summary>
    public bool IsHistory { get; private set; }

    /// <summary>Whether the URL requests the CapabilityStatement (<c>metadata</c>).</summary>
    public bool IsMetadata { get; private set; }

    /// <summary>A FHIRPath location for error messages.</summary>
    public string Location => $"Bundle.entry[{Index}]";

    public static EntryPlan Create(Bundle.EntryComponent entry, int index, Uri baseUrl)
    {
        var request = entry.Request
            ?? throw Invalid(
                index,
                "The entry has no request; every batch or transaction entry needs request.method and request.url.");
        var method = request.Method ?? throw Invalid(index, "The entry has no request.method.");
        var url = Relativize(request.Url ?? throw Invalid(index, "The entry has no request.url."), baseUrl, index);
        var plan = new EntryPlan(index, entry, request, method, url);
        try
        {
            plan.ParseUrl();
            plan.CheckPreconditions();
        }
        catch (FhirOperationException exception)
        {
            throw plan.Wrap(exception);
        }

        plan.CheckResource();
        return plan;
    }

    /// <summary>
    /// Replaces the <c>fullUrl</c>s of other entries in the query of this read entry or
    /// conditional write with the ids they were given.
    /// </summary>
    public void ResolveFullUrls(IReadOnlyDictionary<string, string> identities)
    {
        if (Query is not null)
            Query = EntryUrlResolver.Resolve(Query, ResourceType, identities);
    }

    /// <summary>Wraps an error so that it names this entry.</summary>
    public FhirOperationException Wrap(FhirOperationException exception)
    {
        // Errors raised while the entry was parsed already start with its location.
        var message = exception.Message.StartsWith($"{Location}: ", StringComparison.Ordinal)
            ? exception.Message[(Location.Length + 2)..]
            : exception.Message;
        return new(exception.StatusCode, exception.IssueType, $"{Location} ({Method} {Url}): {message}", Location);
    }

    private void ParseUrl()
    {
        var question = Url.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? Url : Url[..question];
        Query = question < 0 ? null : Url[(question + 1)..];
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0)
            return;

        IsMetadata = segments is ["metadata"];
        IsHistory = segments[^1] == "_history" && segments.Length <= 3;
        if (IsMetadata || segments[0] == "_history")
            return;

        ResourceType = segments[0];
        ResourceTypes.EnsureKnown(ResourceType);
        if (segments.Length >= 2 && segments[1] is not ("_search" or "_history"))
        {
            Id = segments[1];
            ResourceTypes.EnsureValidId(Id);
        }

        if (segments.Length == 4 && segments[2] == "_history"
            && int.TryParse(segments[3], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            VersionId = version;
        }
        else if (segments.Length > 2 && !IsHistory)
        {
            throw Invalid(
                Index,
                $"The request URL '{Url}' is not supported in a Bundle entry, which takes type, instance, version and history URLs; send compartment searches and operations such as $everything as separate requests.");
        }
    }

    /// <summary>
    /// Checks <c>ifNoneMatch</c> of a PUT entry as a single PUT checks the header. A GET or HEAD
    /// entry compares the field with the current version when it reads, and other methods
    /// ignore it, as single requests ignore the header.
    /// </summary>
    private void CheckPreconditions()
    {
        if (Method == Bundle.HTTPVerb.PUT)
        {
            IsCreateOnly = UpdatePreconditions.IsCreateOnly(
                Request.IfNoneMatch,
                !string.IsNullOrWhiteSpace(Request.IfMatch),
                UpdatePreconditions.BundleEntry);
        }
    }

    private void CheckResource()
    {
        var needsResource = Method is Bundle.HTTPVerb.POST or Bundle.HTTPVerb.PUT or Bundle.HTTPVerb.PATCH;
        if (needsResource && Resource is null)
            throw Invalid(Index, $"A {Method} entry needs a resource.");
        if (ResourceType is null && !IsRead)
            throw Invalid(Index, $"A {Method} entry needs a resource type in request.url.");
        if (Method is Bundle.HTTPVerb.PUT or Bundle.HTTPVerb.DELETE or Bundle.HTTPVerb.PATCH && Id is null && Query is null)
            throw Invalid(Index, $"A {Method} entry needs an id or a condition in request.url.");
        if (Method == Bundle.HTTPVerb.POST && Resource is not null && Resource.TypeName != ResourceType)
            throw Invalid(Index, $"The resource is a {Resource.TypeName}, but request.url names {ResourceType}.");
    }

    private static string Relativize(string url, Uri baseUrl, int index)
    {
        // A fullUrl such as urn:uuid:... names an entry inside the Bundle, not a location on
        // the server, so it cannot be requested. Without this check it is read as a resource type.
        if (url.StartsWith("urn:", StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid(
                index,
                $"request.url '{url}' is a fullUrl, not a request URL; use a URL relative to the base, such as Patient/123 or Patient?identifier=system|value.");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var absolute) || absolute.Scheme is not ("http" or "https"))
            return url.TrimStart('/');

        var root = baseUrl.ToString().TrimEnd('/') + "/";
        if (!url.StartsWith(root, StringComparison.OrdinalIgnoreCase))
            throw Invalid(index, $"The request URL '{url}' is not on this server's base '{root}'.");

        return url[root.Length..];
    }

    private static FhirOperationException Invalid(int index, string message) =>
        new(
            HttpStatusCode.BadRequest,
            OperationOutcome.IssueType.Invalid,
            $"Bundle.entry[{index}]: {message}",
            $"Bundle.entry[{index}]");
}
