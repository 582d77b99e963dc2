using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Tests.Search;

public sealed class StringSearchTests : IAsyncLifetime
{
    private readonly SearchTestStore _store = new();

    public async System.Threading.Tasks.Task InitializeAsync()
    {
        await _store.SaveAsync(
            Person("emile", "Émile", "Zola", "Paris"),
            Person("smith", "John", "Smith", "Boston"),
            Person("smithers", "Waylon", "Smithers", "Springfield"),
            Person("goldsmith", "Oliver", "Goldsmith", "Dublin"));
    }

    public async System.Threading.Tasks.Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async System.Threading.Tasks.Task Name_Default_MatchesPrefixIgnoringCase()
    {
        var bundle = await _store.SearchAsync("Patient", "name=SMITH");

        Assert.Equal(["smith", "smithers"], BundleAssert.SortedMatchIds(bundle));
    }

    [Fact]
    public async System.Threading.Tasks.Task Name_Default_IgnoresAccents()
    {
        var bundle = await _store.SearchAsync("Patient", "given=emile");

        Assert.Equal(["emile"], BundleAssert.MatchIds(bundle));
    }

    [Fact]
    public async System.Threading.Tasks.Task Name_Default_IgnoresVietnameseDiacritics()
    {
        await _store.SaveAsync(Person("nguyen", "Văn", "Nguyễn", "Huế"));

        var bundle = await _store.SearchAsync("Patient", "family=nguyen&given=van");

        Assert.Equal(["nguyen"], BundleAssert.MatchIds(bundle));
    }

    [Fact]
    public async System.Threading.Tasks.Task Name_Exact_MatchesWholeValueWithCase()
    {
        var exact = await _store.SearchAsync("Patient", "family:exact=Smith");
        var wrongCase = await _store.SearchAsync("Patient", "family:exact=smith");

        Assert.Equal(["smith"], BundleAssert.MatchIds(exact));
        Assert.Empty(BundleAssert.MatchIds(wrongCase));
    }

    [Fact]
    public async System.Threading.Tasks.Task Name_Contains_MatchesInside()
    {
        var bundle = await _store.SearchAsync("Patient", "name:contains=mith");

        Assert.Equal(["goldsmith", "smith", "smithers"], BundleAssert.SortedMatchIds(bundle));
    }

    [Fact]
    public async System.Threading.Tasks.Task Address_AnyPart_Matches()
    {
        var city = await _store.SearchAsync("Patient", "address=spring");
        var line = await _store.SearchAsync("Patient", "address=12 main");

        Assert.Equal(["smithers"], BundleAssert.MatchIds(city));
        Assert.Equal(4, BundleAssert.MatchIds(line).Count);
    }

    [Fact]
    public async System.Threading.Tasks.Task Name_CommaValues_AreOr()
    {
        var bundle = await _store.SearchAsync("Patient", "family=zola,goldsmith");

        Assert.Equal(["emile", "goldsmith"], BundleAssert.SortedMatchIds(bundle));
    }

    [Fact]
    public async System.Threading.Tasks.Task Name_RepeatedParameter_IsAnd()
    {
        var bundle = await _store.SearchAsync("Patient", "name=smith&given=way");

        Assert.Equal(["smithers"], BundleAssert.MatchIds(bundle));
    }

    [Fact]
    public async System.Threading.Tasks.Task Name_Missing_SelectsResourcesWithoutValue()
    {
        await _store.SaveAsync(new Patient { Id = "nameless" });

        var missing = await _store.SearchAsync("Patient", "name:missing=true");
        var present = await _store.SearchAsync("Patient", "name:missing=false");

        Assert.Equal(["nameless"], BundleAssert.MatchIds(missing));
        Assert.Equal(4, BundleAssert.MatchIds(present).Count);
    }

    internal static Patient Person(string id, string given, string family, string city) => new()
    {
        Id = id,
        Name = [new HumanName { Family = family, Given = [given] }],
        Address = [new Address { Line = ["12 Main Street"], City = city }],
    };
}
