using System.Net;
using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Tests.Search;

public sealed class StrictHandlingTests : IAsyncLifetime
{
    private readonly SearchTestStore _store = new();

    public async System.Threading.Tasks.Task InitializeAsync() =>
        await _store.SaveAsync(StringSearchTests.Person("smith", "John", "Smith", "Boston"));

    public async System.Threading.Tasks.Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async System.Threading.Tasks.Task Lenient_UnknownParameter_IgnoredAndReported()
    {
        var bundle = await _store.SearchAsync("Patient", "name=smith&shoe-size=42");

        var outcome = BundleAssert.Outcome(bundle);
        Assert.NotNull(outcome);
        Assert.Equal("shoe-size", outcome.Issue[0].Expression.Single());
        Assert.Equal(["smith"], BundleAssert.MatchIds(bundle));
        Assert.Equal("http://sandbox.test/fhir/Patient?name=smith", BundleAssert.Link(bundle, "self"));
    }

    [Fact]
    public async System.Threading.Tasks.Task Lenient_UnsupportedModifier_Reported()
    {
        var bundle = await _store.SearchAsync("Patient", "gender:in=http://example.org/vs");

        Assert.NotNull(BundleAssert.Outcome(bundle));
    }

    [Fact]
    public async System.Threading.Tasks.Task Lenient_UnknownResultParameter_Reported()
    {
        var bundle = await _store.SearchAsync("Patient", "_graph=x");

        Assert.Contains("_graph", BundleAssert.Outcome(bundle)!.Issue[0].Diagnostics);
    }

    [Fact]
    public async System.Threading.Tasks.Task Strict_UnknownParameter_Rejected()
    {
        var exception = await Assert.ThrowsAsync<FhirOperationException>(
            () => _store.SearchAsync("Patient", "name=smith&shoe-size=42", strict: true));

        Assert.Equal(HttpStatusCode.BadRequest, exception.StatusCode);
        Assert.Contains("shoe-size", exception.Message);
        Assert.Equal("shoe-size", exception.Expression);
    }

    [Fact]
    public async System.Threading.Tasks.Task Strict_KnownParameters_Accepted()
    {
        var bundle = await _store.SearchAsync("Patient", "name=smith&_count=5&_format=json", strict: true);

        Assert.Single(bundle.Entry);
    }

    [Fact]
    public async System.Threading.Tasks.Task UnknownType_NotFound()
    {
        var exception = await Assert.ThrowsAsync<FhirOperationException>(() => _store.SearchAsync("Spaceship", string.Empty));

        Assert.Equal(HttpStatusCode.NotFound, exception.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task MatchAsync_UnknownParameter_Rejected()
    {
        await using var connection = await _store.Database.OpenConnectionAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();

        var exception = await Assert.ThrowsAsync<FhirOperationException>(
            () => _store.Index.MatchAsync(transaction, "Patient", "shoe-size=42", CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadRequest, exception.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task MatchAsync_Identifier_ReturnsKeys()
    {
        await _store.SaveAsync(new Patient { Id = "m1", Identifier = [new Identifier("urn:sys", "A1")] });
        await using var connection = await _store.Database.OpenConnectionAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();

        var keys = await _store.Index.MatchAsync(transaction, "Patient", "identifier=urn:sys|A1", CancellationToken.None);

        Assert.Single(keys);
    }
}
