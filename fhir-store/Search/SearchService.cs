using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Sandbox.FhirStore.Search.Definitions;
using Sandbox.FhirStore.Search.Indexing;
using Sandbox.FhirStore.Search.Paging;
using Sandbox.FhirStore.Search.Parsing;
using Sandbox.FhirStore.Search.Results;
using Sandbox.FhirStore.Storage;
using Sandbox.FhirStore.Storage.Sqlite;
using Sandbox.Smart.Access;
using Bundle = Hl7.Fhir.Model.Bundle;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace Sandbox.FhirStore.Search;

/// <summary>
/// Runs FHIR searches over the SQLite index. The first request compiles and runs the query,
/// and it keeps the ordered matches in an in-memory cursor when they span pages. Paging
/// links read the cursor, so no search writes to the database.
/// </summary>
internal sealed partial class SearchService(
    SqliteReadConnectionPool readConnections,
    SqliteSearchIndex index,
    SearchParameterCatalog catalog,
    IncludeResolver includeResolver,
    SearchCursorStore cursorStore,
    SqliteDatabase database,
    IOptions<SearchOptions> options) : ISearchService
{
    private const string CursorParameter = "_cursor";
    private const string OffsetParameter = "_offset";

    public async Task<Bundle> SearchAsync(SearchRequest request, CancellationToken cancellationToken) =>
        SearchBundleFactory.Create(await SearchPageAsync(request, cancellationToken));

    public async Task<Bundle> SearchAsync(
        SearchRequest request,
        IStoreTransaction transaction,
        CancellationToken cancellationToken)
    {
        var unit = (SqliteStoreTransaction)transaction;
        var baseUrl = request.BaseUrl.ToString().TrimEnd('/');
        var page = await SearchPageAsync(unit.Connection, unit.Transaction, request, baseUrl, cancellationToken);
        return SearchBundleFactory.Create(page);
    }

    /// <summary>
    /// Runs a search and returns its result page before it becomes a Bundle, so that the REST
    /// layer can write the stored JSON bodies straight into the response.
    /// </summary>
    internal async Task<SearchPage> SearchPageAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        var baseUrl = request.BaseUrl.ToString().TrimEnd('/');
        await using var connection = await readConnections.RentAsync(cancellationToken);
        return await SearchPageAsync(connection.Connection, null, request, baseUrl, cancellationToken);
    }

    private async Task<SearchPage> SearchPageAsync(
        SqliteConnection connection,
        SqliteTransaction? transaction,
        SearchRequest request,
        string baseUrl,
        CancellationToken cancellationToken)
    {
        var cursorId = request.Parameters.FirstOrDefault(parameter => parameter.Key == CursorParameter).Value;
        return cursorId is null
            ? await StartAsync(connection, transaction, request, baseUrl, cancellationToken)
            : await ContinueAsync(connection, transaction, request, baseUrl, cursorId, cancellationToken);
    }

    private async Task<SearchPage> StartAsync(
        SqliteConnection connection,
        SqliteTransaction? transaction,
        SearchRequest request,
        string baseUrl,
        CancellationToken cancellationToken)
    {
        EnsureTypeAllowed(request);
        var parsed = SearchQueryParser.Parse(request.Parameters);
        SearchLimits.Check(parsed);
        DropInvalidIncludes(parsed);
        DropTypeOnTypeSearch(request, parsed);
        EnsureKnownTypes(parsed);
        DropUnknownElements(request, parsed);
        var query = BuildMatchQuery(request, parsed, baseUrl);
        if (request.IsStrict && parsed.Unsupported.Count > 0)
            throw RejectStrict(parsed.Unsupported);

        // Read before the keys, so that a reset committed in between makes the cursor stale
        // rather than a cursor of old keys look current.
        var storeResets = database.ResetCount;
        var keys = await SqliteSearchIndex.ReadKeysAsync(connection, transaction, query.Sql, query.Context, cancellationToken);
        var isTruncated = keys.Count > options.Value.MaxResults;
        if (isTruncated)
            keys = keys.Take(options.Value.MaxResults).ToList();

        var count = PageSize(parsed.Options);
        var usedParameters = query.UsedParameters;
        var links = new List<(string, string)> { ("self", SelfLink(baseUrl, request, usedParameters)) };
        if (count > 0 && keys.Count > count && parsed.Options.Summary != SummaryMode.Count)
        {
            var cursor = new SearchCursor(
                request.ResourceType,
                request.Compartment,
                usedParameters,
                Fingerprint(request.Grant),
                isTruncated)
            {
                Keys = keys,
                StoreResets = storeResets,
            };
            var id = cursorStore.Save(cursor);
            links.Add(("first", CursorLink(baseUrl, request.ResourceType, id, 0, count)));
            links.Add(("next", CursorLink(baseUrl, request.ResourceType, id, count, count)));
        }

        var issues = parsed.Unsupported.ToList();
        if (isTruncated)
            issues.Add(TruncationIssue());
        if (parsed.Options.Count > options.Value.MaxCount)
            issues.Add(CountClampedIssue());

        var isEverything = IsEverything(request.ResourceType, request.Compartment);
        return await BuildPageAsync(
            connection,
            transaction,
            request.Grant,
            null,
            baseUrl,
            keys,
            0,
            count,
            parsed.Options,
            isEverything,
            links,
            issues,
            cancellationToken);
    }

    private async Task<SearchPage> ContinueAsync(
        SqliteConnection connection,
        SqliteTransaction? transaction,
        SearchRequest request,
        string baseUrl,
        string cursorId,
        CancellationToken cancellationToken)
    {
        var cursor = cursorStore.Load(cursorId)
            ?? throw new FhirOperationException(
                HttpStatusCode.Gone,
                IssueType.NotFound,
                $"The paging link '{cursorId}' has expired, never existed or was lost when the server restarted; run the search again.",
                CursorParameter);
        if (cursor.StoreResets != database.ResetCount)
        {
            throw new FhirOperationException(
                HttpStatusCode.Gone,
                IssueType.NotFound,
                $"The paging link '{cursorId}' belongs to a search made before the store was reset; run the search again.",
                CursorParameter);
        }

        if (cursor.GrantFingerprint != Fingerprint(request.Grant))
        {
            throw new FhirOperationException(
                HttpStatusCode.Forbidden,
                IssueType.Forbidden,
                "This paging link belongs to a search made with a different access grant; run the search again.",
                CursorParameter);
        }

        // A type-level search returns resources of that type only, so a link is served
        // only under the path it was made for.
        if (cursor.ResourceType != request.ResourceType)
            throw WrongPathError(cursorId, cursor.ResourceType);

        var parsed = SearchQueryParser.Parse(cursor.Parameters);
        var paging = SearchQueryParser.Parse(request.Parameters.Where(parameter => parameter.Key == "_count"));
        var count = PageSize(paging.Options.Count is null ? parsed.Options : paging.Options);
        var offset = ParseOffset(request);
        var links = new List<(string, string)>
        {
            ("self", CursorLink(baseUrl, cursor.ResourceType, cursorId, offset, count)),
            ("first", CursorLink(baseUrl, cursor.ResourceType, cursorId, 0, count)),
        };
        if (offset > 0)
            links.Add(("previous", CursorLink(baseUrl, cursor.ResourceType, cursorId, Math.Max(0, offset - count), count)));
        if (count > 0 && offset + count < cursor.Keys.Count)
            links.Add(("next", CursorLink(baseUrl, cursor.ResourceType, cursorId, offset + count, count)));

        var issues = cursor.IsTruncated ? new List<UnsupportedParameter> { TruncationIssue() } : [];
        if (paging.Options.Count > options.Value.MaxCount)
            issues.Add(CountClampedIssue());
        return await BuildPageAsync(
            connection,
            transaction,
            request.Grant,
            cursor,
            baseUrl,
            cursor.Keys,
            offset,
            count,
            parsed.Options,
            IsEverything(cursor.ResourceType, cursor.Compartment),
            links,
            issues,
            cancellationToken);
    }

    private async Task<SearchPage> BuildPageAsync(
        SqliteConnection connection,
        SqliteTransaction? transaction,
        FhirAccessGrant grant,
        SearchCursor? cursor,
        string baseUrl,
        IReadOnlyList<long> keys,
        int offset,
        int count,
        SearchResultOptions resultOptions,
        bool isEverything,
        List<(string, string)> links,
        List<UnsupportedParameter> issues,
        CancellationToken cancellationToken)
    {
        var pageKeys = resultOptions.Summary == SummaryMode.Count ? [] : keys.Skip(offset).Take(count).ToList();

        // The first page's keys passed the grant in the match query itself.
        var matches = cursor is null
            ? await ResourceRowReader.ReadAsync(connection, transaction, pageKeys, cancellationToken)
            : await ReadLaterPageMatchesAsync(connection, transaction, grant, cursor.ResourceType, baseUrl, pageKeys, cancellationToken);
        var includeOptions = isEverything ? WithReferencedResources(resultOptions, matches) : resultOptions;
        var includedKeys = await includeResolver.ResolveAsync(
            connection,
            transaction,
            () => index.CreateCompiler(grant, baseUrl),
            matches,
            includeOptions,
            cancellationToken);
        if (isEverything)
        {
            var referencedKeys = await ElementReferenceResolver.ResolveAsync(
                connection,
                transaction,
                () => index.CreateCompiler(grant, baseUrl),
                matches,
                baseUrl,
                resultOptions.Types,
                cancellationToken);
            includedKeys = ExceptMatches(Union(includedKeys, referencedKeys), keys);
        }

        var included = await ResourceRowReader.ReadAsync(connection, transaction, includedKeys, cancellationToken);
        return new SearchPage(baseUrl, keys.Count, resultOptions, matches, included, links, issues);
    }
}
