using Microsoft.Data.Sqlite;
using Sandbox.FhirStore.Search.Results;
using Sandbox.Smart.Access;

namespace Sandbox.FhirStore.Search;

/// <summary>
/// The grant check of a later page. A paging link reads its matches by key long after the
/// first page ran its access filter. A match may have left the grant since then, for example
/// by moving to another patient or to a category the scope does not cover. Such a match is
/// left out of the page, as a deleted one is.
/// </summary>
internal sealed partial class SearchService
{
    private async Task<List<ResourceRow>> ReadLaterPageMatchesAsync(
        SqliteConnection connection,
        SqliteTransaction? transaction,
        FhirAccessGrant grant,
        string? resourceType,
        string baseUrl,
        IReadOnlyList<long> pageKeys,
        CancellationToken cancellationToken)
    {
        if (pageKeys.Count == 0 || ReferenceEquals(grant, FhirAccessGrant.Unrestricted))
            return await ResourceRowReader.ReadAsync(connection, transaction, pageKeys, cancellationToken);

        // A search across types learns the page's types from its rows, which are the page when
        // the grant limits none of those types, as a practitioner's user/ scopes do.
        List<ResourceRow>? rows = null;
        if (resourceType is null)
            rows = await ResourceRowReader.ReadAsync(connection, transaction, pageKeys, cancellationToken);

        IReadOnlyList<string> types = rows is null
            ? [resourceType!]
            : rows.Select(row => row.Type).Distinct(StringComparer.Ordinal).ToList();
        if (types.All(type => grant.Decide(type, FhirInteraction.Search).IsUnlimited))
            return rows ?? await ResourceRowReader.ReadAsync(connection, transaction, pageKeys, cancellationToken);

        // The access filter and the bodies come from one statement, so that a write between
        // two statements cannot pair a body with an older access decision.
        var compiler = index.CreateCompiler(grant, baseUrl);
        var accessFilter = compiler.CompileAccess("a", types);
        return await ResourceRowReader.ReadAsync(
            connection,
            transaction,
            pageKeys,
            accessFilter,
            compiler.Context,
            cancellationToken);
    }
}
