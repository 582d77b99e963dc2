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

        // A search across types learns the page's types from the type column alone, so that
        // the bodies are read once, by the statement that applies the access filter.
        IReadOnlyList<string> types = resourceType is null
            ? await ResourceRowReader.ReadTypesAsync(connection, transaction, pageKeys, cancellationToken)
            : [resourceType];
        if (types.All(type => grant.Decide(type, FhirInteraction.Search).IsUnlimited))
            return await ResourceRowReader.ReadAsync(connection, transaction, pageKeys, cancellationToken);

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
