using Sandbox.FhirStore.Search.Definitions;

namespace Sandbox.FhirStore.Tests.Search;

/// <summary>
/// The catalog lists its parameters without compiling their expressions, and the
/// CapabilityStatement claims every one it lists, so each expression must compile when it is
/// first evaluated.
/// </summary>
public sealed class SearchParameterCatalogTests
{
    public static TheoryData<string> ResourceTypes() =>
        new(SearchParameterCatalog.Default.ResourceTypes.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(ResourceTypes))]
    public void Compile_EveryParameterOfType_Compiles(string resourceType)
    {
        var exception = Record.Exception(() => SearchParameterCatalog.Default.Compile(resourceType));

        Assert.Null(exception);
    }
}
