using Hl7.Fhir.Model;
using Resource = Hl7.Fhir.Model.Resource;

namespace Sandbox.EhrUi.Fhir;

/// <summary>One page of a searchset Bundle, split into what the page lists and what it uses.</summary>
/// <param name="Matches">The entries of the searched type, in Bundle order.</param>
/// <param name="Included">Entries added by <c>_include</c> or <c>_revinclude</c>.</param>
/// <param name="Total">The Bundle's total, when the server reported it.</param>
/// <param name="NextQuery">The query string of the <c>next</c> link, without <c>?</c>, or null on the last page.</param>
/// <param name="PreviousQuery">The query string of the <c>previous</c> link, or null on the first page.</param>
/// <param name="Warnings">Diagnostics of OperationOutcome entries, such as parameters the server did not use.</param>
public sealed record SearchPage<T>(
    IReadOnlyList<T> Matches,
    IReadOnlyList<Resource> Included,
    int? Total,
    string? NextQuery,
    string? PreviousQuery,
    IReadOnlyList<string> Warnings)
    where T : Resource
{
    /// <summary>Splits a searchset Bundle into a page.</summary>
    public static SearchPage<T> FromBundle(Bundle bundle)
    {
        var resources = bundle.Entry.Where(e => e.Resource is not null).ToList();
        var matches = resources
            .Where(e => e.Search?.Mode is null or Bundle.SearchEntryMode.Match)
            .Select(e => e.Resource)
            .OfType<T>()
            .ToList();
        var included = resources
            .Where(e => e.Search?.Mode == Bundle.SearchEntryMode.Include)
            .Select(e => e.Resource!)
            .ToList();
        var warnings = resources
            .Select(e => e.Resource)
            .OfType<OperationOutcome>()
            .SelectMany(outcome => outcome.Issue)
            .Select(issue => issue.Diagnostics ?? IssueText(issue))
            .ToList();

        return new SearchPage<T>(
            matches,
            included,
            bundle.Total,
            LinkQuery(bundle, "next"),
            LinkQuery(bundle, "previous") ?? LinkQuery(bundle, "prev"),
            warnings);
    }

    private static string? LinkQuery(Bundle bundle, string relation)
    {
        var url = bundle.Link.FirstOrDefault(l => l.Relation == relation)?.Url;
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
            return null;

        return uri.Query.TrimStart('?');
    }

    private static string IssueText(OperationOutcome.IssueComponent issue) =>
        issue.Details?.Text ?? issue.Code?.ToString() ?? "The server returned an issue without details.";
}
