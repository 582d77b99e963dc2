using System.Net;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using static Sandbox.Auth.Tests.SharedResourceData;

namespace Sandbox.Auth.Tests;

/// <summary>Resources that contain no patient's data are readable under <c>patient/</c> scopes on every read path.</summary>
public sealed class SharedResourceReadTests
{
    private const string ReadScope = "launch openid fhirUser patient/*.rs";

    [Theory]
    [InlineData("Practitioner/pr-2")]
    [InlineData("Organization/org-1")]
    [InlineData("Location/loc-1")]
    [InlineData("Practitioner/pr-2/_history/1")]
    public async Task PatientScope_SharedResource_IsReadable(string path)
    {
        await using var fixture = await AuthFixture.StartAsync();
        await SaveAsync(fixture);
        var token = await TokenAsync(fixture, ReadScope);

        var response = await fixture.GetFhirAsync(path, token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task PatientScope_PractitionerSearch_FindsAll()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await SaveAsync(fixture);
        var token = await TokenAsync(fixture, ReadScope);

        var response = await fixture.GetFhirAsync("Practitioner", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["Practitioner/pr-1", "Practitioner/pr-2", "Practitioner/pr-9"], (await EntryReferencesAsync(response)).Order());
    }

    [Fact]
    public async Task PatientScope_PractitionerLaterPage_ListsMatches()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await SaveAsync(fixture);
        var token = await TokenAsync(fixture, ReadScope);
        var first = await AuthFixture.ReadJsonAsync(await fixture.GetFhirAsync("Practitioner?_count=1", token));
        var next = Link(first, "next");
        Assert.NotNull(next);

        var response = await SendAsync(fixture, HttpMethod.Get, next, token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(await EntryReferencesAsync(response));
    }

    [Fact]
    public async Task PatientScope_PractitionerHistory_IsReadable()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await SaveAsync(fixture);
        var token = await TokenAsync(fixture, ReadScope);

        var response = await fixture.GetFhirAsync("Practitioner/pr-2/_history", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(await EntryReferencesAsync(response));
    }

    [Fact]
    public async Task PatientScope_IncludePerformer_AddsPractitioner()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await SaveAsync(fixture);
        var token = await TokenAsync(fixture, ReadScope);

        var response = await fixture.GetFhirAsync("Observation?_include=Observation:performer", token);

        Assert.Equal(["Observation/obs-1", "Practitioner/pr-2"], await EntryReferencesAsync(response));
    }

    [Fact]
    public async Task PatientScope_RevIncludeLocation_AddsLocation()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await SaveAsync(fixture);
        var token = await TokenAsync(fixture, ReadScope);

        var response = await fixture.GetFhirAsync("Organization?_revinclude=Location:organization", token);

        Assert.Equal(["Organization/org-1", "Location/loc-1"], await EntryReferencesAsync(response));
    }

    [Fact]
    public async Task PatientScope_Everything_AddsPractitioner()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await SaveAsync(fixture);
        var token = await TokenAsync(fixture, ReadScope);

        var response = await fixture.GetFhirAsync($"Patient/{AuthFixture.PatientId}/$everything", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Practitioner/pr-2", await EntryReferencesAsync(response));
    }

    [Fact]
    public async Task PatientScope_BatchGet_ReadsPractitioner()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await SaveAsync(fixture);
        var token = await TokenAsync(fixture, ReadScope);

        var response = await SendAsync(fixture, HttpMethod.Post, string.Empty, token, Batch("Practitioner/pr-2", "Organization?name=Clinic"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var statuses = await EntryStatusesAsync(response);
        Assert.StartsWith("200", statuses[0]);
        Assert.StartsWith("200", statuses[1]);
    }

    [Fact]
    public async Task PatientScope_ConditionalReference_ResolvesPractitioner()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await SaveAsync(fixture);
        var token = await TokenAsync(fixture, "launch patient/*.cruds");
        var observation = new Observation
        {
            Status = ObservationStatus.Final,
            Code = new CodeableConcept("http://loinc.org", "8867-4"),
            Subject = new ResourceReference($"Patient/{AuthFixture.PatientId}"),
            Performer = [new ResourceReference($"Practitioner?identifier={PractitionerIdentifier}")],
        };
        var transaction = new Bundle { Type = Bundle.BundleType.Transaction };
        transaction.Entry.Add(new Bundle.EntryComponent
        {
            FullUrl = "urn:uuid:6f0c2a4e-3b7d-4a51-9d8e-2c1f5b7a9e10",
            Resource = observation,
            Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = "Observation" },
        });

        var response = await SendAsync(fixture, HttpMethod.Post, string.Empty, token, transaction);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
