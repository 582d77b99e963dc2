using System.Net;
using System.Text;
using Hl7.Fhir.Model;
using Sandbox.FhirStore.Search.Definitions;
using Sandbox.FhirStore.Search.Parsing;
using Sandbox.FhirStore.Search.Sql;
using Sandbox.Smart.Access;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace Sandbox.FhirStore.Search;

/// <summary>The match query of a new search, and the checks and links around it.</summary>
internal sealed partial class SearchService
{
    private sealed record MatchQuery(string Sql, SqlContext Context, List<KeyValuePair<string, string>> UsedParameters);

    private MatchQuery BuildMatchQuery(SearchRequest request, ParsedQuery parsed, string baseUrl)
    {
        var compiler = index.CreateCompiler(request.Grant, baseUrl);
        var type = request.ResourceType;
        var careDateRange = IsEverything(type, request.Compartment) ? TakeCareDateRange(parsed) : null;
        var conditions = new List<string> { "a.is_deleted = 0" };
        var used = new List<KeyValuePair<string, string>>();
        var drive = true;
        string? drivingCondition = null;
        foreach (var (clause, source) in parsed.Clauses.OrderBy(item => compiler.DrivePriorityOf(type, item.Clause)))
        {
            try
            {
                var condition = type is null && parsed.Options.Types.Count > 0 && !clause.Name.StartsWith('_')
                    ? CompileForEachType(compiler, parsed.Options.Types, clause)
                    : compiler.CompileClause("a", type, clause, drive);
                conditions.Add(condition);
                drivingCondition ??= condition;
                used.Add(source);
                drive = false;
            }
            catch (UnsupportedParameterException exception)
            {
                parsed.Unsupported.Add(new UnsupportedParameter(source.Key, exception.Message));
            }
        }

        // With a driving condition, the unary + keeps SQLite from scanning the type's index
        // instead of looking the few driven keys up by rowid.
        if (type is not null)
            conditions.Add($"{(drive ? string.Empty : "+")}a.resource_type = {compiler.Context.Add(type)}");

        var filters = new List<string>();
        if (request.Compartment is not null)
            filters.Add(compiler.CompileCompartment("a", ParseCompartment(request.Compartment, type)));
        if (careDateRange is not null)
            filters.Add(CompileCareDateRange(compiler, careDateRange, SystemSearchTypes(request, parsed), used));

        filters.Add(type is null ? compiler.CompileAccess("a", SystemSearchTypes(request, parsed)) : compiler.CompileAccess("a", type));
        var orderBy = CompileOrderBy(compiler, type, parsed);
        used.AddRange(parsed.UsedResultParameters);
        var match = MatchSource.Create(compiler, conditions, drivingCondition, filters, orderBy);
        var sql = match.ToSql(orderBy, options.Value.MaxResults + 1);
        return new MatchQuery(sql, compiler.Context, used);
    }

    // A system-level search with _type may use a parameter that every listed type defines,
    // such as patient for _type=Observation,Condition. Each type's rows are matched with that
    // type's definition of the parameter.
    private string CompileForEachType(SearchSqlCompiler compiler, IReadOnlyList<string> types, SearchClause clause)
    {
        var lacking = types.Where(type => catalog.Find(type, clause.Name) is null).ToList();
        if (lacking.Count > 0)
        {
            throw new UnsupportedParameterException(
                clause.Name,
                $"The search parameter '{clause.Name}' is not defined for {string.Join(", ", lacking)}, and a search with _type may only use parameters that every listed type defines.");
        }

        var groups = types.Distinct(StringComparer.Ordinal).Select(type =>
            $"(a.resource_type = {compiler.Context.Add(type)} AND {compiler.CompileClause("a", type, clause, drive: false)})");
        return $"({string.Join(" OR ", groups)})";
    }

    private static string CompileOrderBy(SearchSqlCompiler compiler, string? type, ParsedQuery parsed)
    {
        try
        {
            return compiler.CompileOrderBy("a", type, parsed.Options.Sort);
        }
        catch (UnsupportedParameterException exception)
        {
            parsed.Unsupported.Add(new UnsupportedParameter("_sort", exception.Message));
            parsed.UsedResultParameters.RemoveAll(parameter => parameter.Key == "_sort");
            return "a.resource_key ASC";
        }
    }

    private IEnumerable<string> SystemSearchTypes(SearchRequest request, ParsedQuery parsed)
    {
        IEnumerable<string> types = parsed.Options.Types.Count > 0 ? parsed.Options.Types : catalog.ResourceTypes;
        return request.Compartment is null ? types : types.Where(PatientCompartment.Contains);
    }

    private void EnsureTypeAllowed(SearchRequest request)
    {
        if (request.ResourceType is null)
            return;

        if (!catalog.IsKnownType(request.ResourceType))
        {
            throw new FhirOperationException(
                HttpStatusCode.NotFound,
                IssueType.NotSupported,
                $"'{request.ResourceType}' is not a FHIR R4 resource type this server searches.");
        }

        var decision = request.Grant.Decide(request.ResourceType, FhirInteraction.Search);
        if (!decision.IsAllowed)
            throw new FhirOperationException(HttpStatusCode.Forbidden, IssueType.Forbidden, decision.Reason ?? "Search is not allowed.");
    }

    private static string ParseCompartment(string compartment, string? type)
    {
        var parts = compartment.Split('/');
        if (parts.Length != 2 || parts[0] != "Patient" || parts[1].Length == 0)
        {
            throw new FhirOperationException(
                HttpStatusCode.BadRequest,
                IssueType.NotSupported,
                $"Only Patient compartments can be searched, got '{compartment}'.");
        }

        if (type is not null && !PatientCompartment.Contains(type))
        {
            throw new FhirOperationException(
                HttpStatusCode.BadRequest,
                IssueType.NotSupported,
                $"{type} is not part of the Patient compartment.");
        }

        return parts[1];
    }

    private void DropInvalidIncludes(ParsedQuery parsed)
    {
        foreach (var list in new[] { parsed.Options.Includes, parsed.Options.RevIncludes })
        {
            foreach (var include in list.ToList())
            {
                var valid = include.Param == "*"
                    ? catalog.IsKnownType(include.SourceType)
                    : catalog.Find(include.SourceType, include.Param)?.Type == SearchParamType.Reference;
                var validTarget = include.TargetType is null || catalog.IsKnownType(include.TargetType);
                if (valid && validTarget)
                    continue;

                list.Remove(include);
                var name = list == parsed.Options.Includes ? "_include" : "_revinclude";
                var reason = valid
                    ? $"The target type '{include.TargetType}' of '{include.SourceType}:{include.Param}' is not a FHIR R4 resource type."
                    : $"'{include.SourceType}:{include.Param}' is not a reference search parameter.";
                parsed.Unsupported.Add(new UnsupportedParameter(name, reason));
                parsed.UsedResultParameters.RemoveAll(parameter =>
                    parameter.Key.StartsWith(name, StringComparison.Ordinal) && parameter.Value.StartsWith($"{include.SourceType}:{include.Param}", StringComparison.Ordinal));
            }
        }
    }

    // _type selects the types of a system-level search and of $everything. A type-level
    // search has its type in the path, so _type there is reported instead of ignored silently.
    private static void DropTypeOnTypeSearch(SearchRequest request, ParsedQuery parsed)
    {
        if (request.ResourceType is null || parsed.Options.Types.Count == 0)
            return;

        parsed.Options.Types.Clear();
        parsed.UsedResultParameters.RemoveAll(parameter => parameter.Key == "_type");
        parsed.Unsupported.Add(new UnsupportedParameter(
            "_type",
            $"_type applies to a search on the base URL only, and this search is on /{request.ResourceType}."));
    }

    // When no name in _elements is an element of the searched types, the parameter is left out
    // of the links as well, so that later pages return whole resources like the first.
    private void DropUnknownElements(SearchRequest request, ParsedQuery parsed)
    {
        if (parsed.Options.Elements.Count == 0)
            return;

        var types = request.ResourceType is null ? SystemSearchTypes(request, parsed).ToList() : [request.ResourceType];
        parsed.Unsupported.AddRange(ElementNames.RemoveUnknown(parsed.Options, types));
        if (parsed.Options.Elements.Count == 0)
            parsed.UsedResultParameters.RemoveAll(parameter => parameter.Key == "_elements");
    }

    // An unknown type in _type cannot be ignored like an unknown parameter, because dropping it
    // would search other types than the client named, or every type when it was the only one.
    private void EnsureKnownTypes(ParsedQuery parsed)
    {
        var unknown = parsed.Options.Types.FirstOrDefault(type => !catalog.IsKnownType(type));
        if (unknown is null)
            return;

        throw new FhirOperationException(
            HttpStatusCode.BadRequest,
            IssueType.Value,
            $"_type lists '{unknown}', which is not a FHIR R4 resource type. Separate types with commas, such as _type=Observation,Condition.",
            "_type");
    }

    private int PageSize(SearchResultOptions resultOptions) =>
        Math.Clamp(resultOptions.Count ?? options.Value.DefaultCount, 0, options.Value.MaxCount);

    private static int ParseOffset(SearchRequest request)
    {
        var text = request.Parameters.FirstOrDefault(parameter => parameter.Key == OffsetParameter).Value ?? "0";
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var offset))
            return offset;

        var reason = text.Length > 0 && text.All(char.IsAsciiDigit)
            ? $"_offset '{text}' is too large: the maximum is {int.MaxValue}."
            : $"_offset must be a non-negative integer, got '{text}'.";
        throw new FhirOperationException(HttpStatusCode.BadRequest, IssueType.Invalid, reason, OffsetParameter);
    }

    private static FhirOperationException RejectStrict(IEnumerable<UnsupportedParameter> unsupported)
    {
        var first = unsupported.First();
        var names = string.Join(", ", unsupported.Select(issue => $"'{issue.Name}'"));
        return new FhirOperationException(
            HttpStatusCode.BadRequest,
            IssueType.NotSupported,
            $"Unsupported search parameters with Prefer: handling=strict: {names}. {first.Reason}",
            first.Name);
    }

    private UnsupportedParameter TruncationIssue() => new(
        "_count",
        $"Only the first {options.Value.MaxResults} matches are reachable through the paging links; narrow the search.");

    private UnsupportedParameter CountClampedIssue() => new(
        "_count",
        $"its value is larger than the maximum page size, so it was lowered to {options.Value.MaxCount}.")
    {
        Diagnostics = $"The search parameter '_count' was lowered to the maximum page size, {options.Value.MaxCount}.",
    };

    private static string Fingerprint(FhirAccessGrant grant) =>
        ReferenceEquals(grant, FhirAccessGrant.Unrestricted)
            ? "*"
            : grant.PatientId + "|" + string.Join(",", grant.UserPatientIds ?? ["*"]) + "|"
                + string.Join(" ", grant.Scopes.Select(scope => scope.Text).Order(StringComparer.Ordinal));

    private static string SelfLink(string baseUrl, SearchRequest request, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var path = new StringBuilder(baseUrl);
        if (request.Compartment is not null)
            path.Append('/').Append(request.Compartment);

        // Compartment searches always name a type, so a compartment without one is $everything.
        if (request.ResourceType is not null)
            path.Append('/').Append(request.ResourceType);
        else if (request.Compartment is not null)
            path.Append("/$everything");

        var query = string.Join("&", parameters.Select(parameter => parameter.Key + "=" + Uri.EscapeDataString(parameter.Value)));
        return query.Length == 0 ? path.ToString() : path + "?" + query;
    }

    private static FhirOperationException WrongPathError(string cursorId, string? cursorType)
    {
        var path = cursorType is null ? "the base URL" : $"/{cursorType}";
        return new FhirOperationException(
            HttpStatusCode.BadRequest,
            IssueType.Invalid,
            $"The paging link '{cursorId}' belongs to another search, made on {path}; follow the link as the server returned it.",
            CursorParameter);
    }

    private static string CursorLink(string baseUrl, string? type, string cursorId, int offset, int count) =>
        $"{baseUrl}{(type is null ? string.Empty : "/" + type)}?{CursorParameter}={cursorId}&{OffsetParameter}={offset}&_count={count}";
}
