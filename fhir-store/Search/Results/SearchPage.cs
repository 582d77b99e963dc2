using Sandbox.FhirStore.Search.Parsing;

namespace Sandbox.FhirStore.Search.Results;

/// <summary>Everything one result page of a search is made of, before it becomes a Bundle.</summary>
internal sealed record SearchPage(
    string BaseUrl,
    int Total,
    SearchResultOptions Options,
    IReadOnlyList<ResourceRow> Matches,
    IReadOnlyList<ResourceRow> Included,
    IReadOnlyList<(string Relation, string Url)> Links,
    IReadOnlyList<UnsupportedParameter> Issues);
