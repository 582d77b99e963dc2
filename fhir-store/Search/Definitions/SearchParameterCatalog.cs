using System.Collections.Frozen;
using Hl7.Fhir.FhirPath;
using Hl7.Fhir.Model;
using Hl7.FhirPath;
using Hl7.FhirPath.Expressions;

namespace Sandbox.FhirStore.Search.Definitions;

/// <summary>
/// The FHIR R4 search parameters of the Firely SDK's <see cref="ModelInfo.SearchParameters"/>
/// plus the common <c>_id</c>, <c>_lastUpdated</c>, <c>_tag</c>, <c>_profile</c>,
/// <c>_security</c> and <c>_source</c>, each built once per process.
/// </summary>
/// <remarks>
/// The table of parameters is built on the first use of the catalog's members, not when it is
/// constructed. Resolving a service that depends on it, such as the store for a seed load from
/// a snapshot, therefore does not wait for it. <see cref="CatalogWarmUp"/> starts the build on
/// the thread pool as soon as the store's services are registered. Each expression compiles on
/// its first evaluation (see <see cref="SearchExpression"/>).
/// </remarks>
internal sealed class SearchParameterCatalog : ISearchParameterCatalog
{
    private static readonly Lazy<SearchParameterCatalog> LazyDefault = new(() => new SearchParameterCatalog());

    private readonly Lazy<FrozenDictionary<string, FrozenDictionary<string, SearchParameterInfo>>> _byType = new(Build);

    private SearchParameterCatalog()
    {
    }

    private static FrozenDictionary<string, FrozenDictionary<string, SearchParameterInfo>> Build()
    {
        var compiler = new FhirPathCompiler(new SymbolTable().AddStandardFP().AddFhirExtensions());
        var byUrl = ModelInfo.SearchParameters
            .Where(definition => definition.Url is not null)
            .GroupBy(definition => definition.Url!)
            .ToDictionary(group => group.Key, group => group.First());

        var byType = new Dictionary<string, Dictionary<string, SearchParameterInfo>>();
        foreach (var definition in ModelInfo.SearchParameters)
        {
            if (definition.Resource is null || !ModelInfo.IsKnownResource(definition.Resource))
                continue;

            var info = TryCreate(compiler, definition, byUrl);
            if (info is null)
                continue;

            if (!byType.TryGetValue(info.ResourceType, out var parameters))
                byType[info.ResourceType] = parameters = new Dictionary<string, SearchParameterInfo>();
            parameters[info.Name] = info;
        }

        foreach (var type in ModelInfo.SupportedResources.Where(ModelInfo.IsKnownResource))
        {
            if (!byType.TryGetValue(type, out var parameters))
                byType[type] = parameters = new Dictionary<string, SearchParameterInfo>();

            foreach (var common in CreateCommonParameters(compiler, type))
                parameters.TryAdd(common.Name, common);
        }

        return byType.ToFrozenDictionary(
            pair => pair.Key,
            pair => pair.Value.ToFrozenDictionary(StringComparer.Ordinal),
            StringComparer.Ordinal);
    }

    /// <summary>
    /// The catalog of the process. It depends only on the SDK's static definitions and contains
    /// about 1,700 expressions, so every service provider shares it.
    /// </summary>
    public static SearchParameterCatalog Default => LazyDefault.Value;

    /// <summary>Builds the table of parameters now, unless that has been done or begun already.</summary>
    public void EnsureLoaded() => _ = _byType.Value;

    /// <summary>Compiles every expression of a type's parameters now, as their first evaluation would.</summary>
    /// <exception cref="FormatException">An expression is not valid FHIRPath.</exception>
    /// <exception cref="ArgumentException">An expression calls an unknown function.</exception>
    /// <exception cref="InvalidOperationException">Firely cannot compile an expression.</exception>
    public void Compile(string resourceType)
    {
        foreach (var parameter in GetParameters(resourceType))
        {
            parameter.Expression?.EnsureCompiled();
            foreach (var component in parameter.Components)
                component.Expression.EnsureCompiled();
        }
    }

    public IReadOnlyCollection<string> ResourceTypes => _byType.Value.Keys;

    // _list is the only special parameter that searches support. Location near, the other
    // special parameter of R4, is left out so that the CapabilityStatement does not list it.
    public IReadOnlyList<SearchParameterDescription> Describe(string resourceType) =>
        _byType.Value.TryGetValue(resourceType, out var parameters)
            ? parameters.Values
                .Where(parameter => parameter.Type != SearchParamType.Special)
                .Select(parameter => new SearchParameterDescription(
                    parameter.Name,
                    parameter.Type,
                    parameter.Url,
                    parameter.Description,
                    parameter.Targets))
                .Append(ListParameter)
                .OrderBy(parameter => parameter.Name, StringComparer.Ordinal)
                .ToList()
            : [];

    // _list reads the entries of List resources at search time, so it has no index expression
    // and no catalog entry. FHIR R4 publishes no SearchParameter resource for it.
    private static readonly SearchParameterDescription ListParameter = new(
        "_list",
        SearchParamType.Special,
        null,
        "Resources that are entries of the List with this id",
        []);

    /// <summary>Returns the parameters of a type, or an empty set for an unknown type.</summary>
    public IReadOnlyCollection<SearchParameterInfo> GetParameters(string resourceType) =>
        _byType.Value.TryGetValue(resourceType, out var parameters) ? parameters.Values : [];

    /// <summary>Finds a parameter of a type by its code, or returns null.</summary>
    public SearchParameterInfo? Find(string resourceType, string name) =>
        _byType.Value.TryGetValue(resourceType, out var parameters) && parameters.TryGetValue(name, out var info)
            ? info
            : null;

    /// <summary>Whether the catalog contains parameters for the resource type.</summary>
    public bool IsKnownType(string resourceType) => _byType.Value.ContainsKey(resourceType);

    private static SearchParameterInfo? TryCreate(
        FhirPathCompiler compiler,
        SearchParamDefinition definition,
        Dictionary<string, SearchParamDefinition> byUrl)
    {
        var expression = ExpressionFilter.ForType(definition.Expression, definition.Resource!);
        if (expression is null)
            return null;

        var components = definition.Type == SearchParamType.Composite
            ? CreateComponents(compiler, definition, byUrl)
            : [];
        if (components is null)
            return null;

        return new SearchParameterInfo(
            definition.Resource!,
            definition.Code ?? definition.Name ?? string.Empty,
            definition.Type,
            definition.Url,
            definition.Description?.Value,
            Create(compiler, expression, definition.Resource),
            definition.Target?.Select(target => target.ToString()).ToList() ?? [],
            components);
    }

    private static List<CompositeComponent>? CreateComponents(
        FhirPathCompiler compiler,
        SearchParamDefinition definition,
        Dictionary<string, SearchParamDefinition> byUrl)
    {
        var components = new List<CompositeComponent>();
        foreach (var component in definition.Component ?? [])
        {
            if (component.Definition is null || !byUrl.TryGetValue(component.Definition, out var part))
                return null;

            components.Add(new CompositeComponent(part.Type, Create(compiler, component.Expression, null)));
        }

        return components.Count == 2 ? components : null;
    }

    private static IEnumerable<SearchParameterInfo> CreateCommonParameters(FhirPathCompiler compiler, string type)
    {
        const string Base = "http://hl7.org/fhir/SearchParameter/";
        yield return new(type, "_id", SearchParamType.Token, Base + "Resource-id", "Logical id of this artifact", null, [], []);
        yield return new(type, "_lastUpdated", SearchParamType.Date, Base + "Resource-lastUpdated", "When the resource version last changed", null, [], []);
        yield return Common(compiler, type, "_tag", SearchParamType.Token, "meta.tag", "Resource-tag", "Tags applied to this resource");
        yield return Common(compiler, type, "_security", SearchParamType.Token, "meta.security", "Resource-security", "Security Labels applied to this resource");
        yield return Common(compiler, type, "_profile", SearchParamType.Uri, "meta.profile", "Resource-profile", "Profiles this resource claims to conform to");
        yield return Common(compiler, type, "_source", SearchParamType.Uri, "meta.source", "Resource-source", "Identifies where the resource comes from");
    }

    private static SearchParameterInfo Common(
        FhirPathCompiler compiler,
        string type,
        string name,
        SearchParamType paramType,
        string expression,
        string urlTail,
        string description) =>
        new(type, name, paramType, "http://hl7.org/fhir/SearchParameter/" + urlTail, description, Create(compiler, expression, null), [], []);

    private static SearchExpression Create(FhirPathCompiler compiler, string expression, string? rootType) =>
        SearchExpression.Create(compiler, expression, rootType);
}
