using Hl7.Fhir.FhirPath;
using Hl7.Fhir.Model;
using Hl7.FhirPath;
using Hl7.FhirPath.Expressions;
using Sandbox.FhirStore.Search.Definitions;
using Sandbox.FhirStore.Search.Extraction;

namespace Sandbox.FhirStore.Tests.Search;

public sealed class IndexingTests
{
    private readonly SearchParameterCatalog _catalog = SearchParameterCatalog.Default;

    [Fact]
    public void Extract_ObservationPatient_IndexedThroughResolve()
    {
        var observation = ReferenceSearchTests.Observation("o1", "Patient/p1");

        var entries = new ResourceIndexer(_catalog).Extract(observation);

        Assert.Contains(entries.References, entry => entry is { Param: "patient", TargetType: "Patient", TargetId: "p1" });
        Assert.Contains("p1", entries.CompartmentPatients);
    }

    [Fact]
    public void Extract_GroupSubject_NotIndexedAsPatient()
    {
        var observation = ReferenceSearchTests.Observation("o1", "Group/g1");

        var entries = new ResourceIndexer(_catalog).Extract(observation);

        Assert.DoesNotContain(entries.References, entry => entry.Param == "patient");
        Assert.Empty(entries.CompartmentPatients);
    }

    [Fact]
    public void Catalog_Observation_ListsCommonAndSpecificParameters()
    {
        var names = _catalog.Describe("Observation").Select(parameter => parameter.Name).ToList();

        Assert.Contains("patient", names);
        Assert.Contains("code-value-quantity", names);
        Assert.Contains("_id", names);
        Assert.Contains("_lastUpdated", names);
        Assert.Contains("_tag", names);
    }

    [Fact]
    public void Catalog_EveryResourceType_HasParameters()
    {
        var types = _catalog.ResourceTypes;

        Assert.True(types.Count > 140, $"only {types.Count} resource types have search parameters");
        Assert.All(types, type => Assert.NotEmpty(_catalog.Describe(type)));
    }

    [Theory]
    [InlineData("Observation.subject.where(resolve() is Patient)")]
    [InlineData("(Observation.value as Quantity) | (Observation.value as SampledData)")]
    [InlineData("Patient.telecom.where(system='email')")]
    [InlineData("(Observation.value as CodeableConcept).text")]
    [InlineData("Observation.value.as(DateTime) | Observation.value.as(Period)")]
    public void PathCompiler_PlainExpression_Compiles(string expression)
    {
        var compiled = PathExpressionCompiler.TryCompile(expression, "Observation");

        Assert.True(compiled is not null || expression.StartsWith("Patient", StringComparison.Ordinal));
    }

    [Fact]
    public void PathCompiler_FunctionCall_FallsBack()
    {
        var compiled = PathExpressionCompiler.TryCompile("Patient.deceased.exists() and Patient.deceased != false", "Patient");

        Assert.Null(compiled);
    }

    [SyntheaFact]
    public void PathCompiler_SyntheaResources_SameValuesAsFhirPath()
    {
        var resources = SyntheaLoader.ReadBundles().Take(3).SelectMany(bundle => bundle).ToList();
        var compiler = new FhirPathCompiler(new SymbolTable().AddStandardFP().AddFhirExtensions());
        var context = new FhirEvaluationContext { ElementResolver = TypedReferenceResolver.Resolve };
        var mismatches = new List<string>();

        foreach (var resource in resources)
        {
            foreach (var definition in ModelInfo.SearchParameters.Where(definition => definition.Resource == resource.TypeName && definition.Type != SearchParamType.Composite))
            {
                var expression = ExpressionFilter.ForType(definition.Expression, resource.TypeName);
                var plain = expression is null ? null : PathExpressionCompiler.TryCompile(expression, resource.TypeName);
                if (plain is null)
                    continue;

                var expected = compiler.Compile(expression!)([resource.ToPocoNode()], context).Select(node => node.Poco).ToList();
                var actual = plain(resource).ToList();
                if (expected.Count != actual.Count || expected.Zip(actual).Any(pair => !ReferenceEquals(pair.First, pair.Second)))
                    mismatches.Add($"{resource.TypeName}.{definition.Code}");
            }
        }

        Assert.Empty(mismatches.Distinct());
    }
}
