using System.Net;
using Microsoft.Data.Sqlite;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace Sandbox.FhirStore.Search.Parsing;

/// <summary>
/// Size limits of one search, checked before its SQL is built. Each OR-ed value, AND-ed
/// condition and chain or <c>_has</c> level deepens the SQL expression, and SQLite rejects an
/// expression deeper than 1,000 levels (SQLITE_MAX_EXPR_DEPTH in SQLite 3.53). A value of a
/// condition that does not drive the search costs about two levels, so a lone parameter fails
/// near 450 values. Searches at all four limits at once (100 conditions, five of them with 100
/// values under four <c>_has</c> levels) were run against the seed store and pass.
/// </summary>
internal static class SearchLimits
{
    /// <summary>The maximum number of comma-separated values in one search parameter.</summary>
    public const int MaxValuesPerParameter = 100;

    /// <summary>The maximum number of values across all search parameters of one search.</summary>
    public const int MaxValuesPerSearch = 500;

    /// <summary>The maximum number of search parameters (conditions) in one search.</summary>
    public const int MaxParametersPerSearch = 100;

    /// <summary>
    /// The maximum number of chain links and <c>_has</c> levels in one parameter:
    /// <c>subject.organization.name</c> has 2, <c>_has:Observation:patient:code</c> has 1.
    /// </summary>
    public const int MaxNestingDepth = 4;

    /// <summary>Rejects a search whose conditions exceed a limit with 400 too-costly.</summary>
    public static void Check(ParsedQuery parsed)
    {
        var clauses = parsed.Clauses;
        if (clauses.Count > MaxParametersPerSearch)
        {
            throw TooComplex(
                $"The search is too complex: it has {clauses.Count} search parameters, more than the maximum of {MaxParametersPerSearch}. " +
                "Split it into several searches.",
                expression: null);
        }

        var totalValues = 0;
        foreach (var (clause, source) in clauses)
        {
            CheckClause(clause, source.Key);
            totalValues += clause.Values.Count;
        }

        if (totalValues > MaxValuesPerSearch)
        {
            throw TooComplex(
                $"The search is too complex: it has {totalValues} values in total, more than the maximum of {MaxValuesPerSearch}. " +
                "Split it into several searches.",
                expression: null);
        }
    }

    /// <summary>
    /// Returns the 400 too-costly rejection for SQL that SQLite refused as too large, or null
    /// for any other error. This is the last line behind <see cref="Check"/>: the limits keep
    /// ordinary searches out of here, but access rules and paths not checked still could reach it.
    /// </summary>
    public static FhirOperationException? FromSqliteLimit(SqliteException exception)
    {
        const int SqliteError = 1;
        const int SqliteTooBig = 18;
        var message = exception.Message;
        var isLimit = exception.SqliteErrorCode == SqliteTooBig
            || (exception.SqliteErrorCode == SqliteError
                && (message.Contains("Expression tree is too large", StringComparison.Ordinal)
                    || message.Contains("too many SQL variables", StringComparison.Ordinal)
                    || message.Contains("at most 64 tables in a join", StringComparison.Ordinal)
                    || message.Contains("parser stack overflow", StringComparison.Ordinal)));
        if (!isLimit)
            return null;

        return TooComplex(
            $"The search is too complex for the database to run. Use at most {MaxParametersPerSearch} search parameters, " +
            $"{MaxValuesPerParameter} values per parameter, {MaxValuesPerSearch} values in all and {MaxNestingDepth} chain or _has levels, " +
            "or split it into several searches.",
            expression: null);
    }

    private static void CheckClause(SearchClause clause, string key)
    {
        if (clause.Values.Count > MaxValuesPerParameter)
        {
            throw TooComplex(
                $"The search is too complex: the parameter '{key}' has {clause.Values.Count} values, more than the maximum of {MaxValuesPerParameter}. " +
                "Split the values over several searches.",
                key);
        }

        var depth = NestingDepthOf(key);
        if (depth > MaxNestingDepth)
        {
            throw TooComplex(
                $"The search is too complex: the parameter '{key}' nests {depth} chain or _has levels, more than the maximum of {MaxNestingDepth}.",
                key);
        }
    }

    private static int NestingDepthOf(string key)
    {
        var depth = key.Count(character => character == '.');
        for (var index = key.IndexOf("_has:", StringComparison.Ordinal); index >= 0; index = key.IndexOf("_has:", index + 1, StringComparison.Ordinal))
            depth++;

        return depth;
    }

    private static FhirOperationException TooComplex(string diagnostics, string? expression) =>
        new(HttpStatusCode.BadRequest, IssueType.TooCostly, diagnostics, expression);
}
