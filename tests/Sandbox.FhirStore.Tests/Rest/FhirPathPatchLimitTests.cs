using System.Diagnostics;
using System.Net;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Sandbox.Testing;

namespace Sandbox.FhirStore.Tests.Rest;

/// <summary>
/// The bounds on FHIRPath Patch paths: the functions they may use, their nesting and total
/// length, the evaluation steps of one patch, and the request's cancellation.
/// </summary>
public sealed class FhirPathPatchLimitTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    // Three where() levels over 100 identifiers evaluate the innermost comparison a million
    // times, more than the default budget of 1,000,000 steps allows.
    private const string NestedWherePath =
        "Patient.identifier.where(%resource.identifier.where(%resource.identifier.where(value = 'none').exists()).exists())";

    private FhirTestClient Client => fixture.Client;

    [Theory]
    [InlineData("Patient.name.where(family = 'x'.replace('x', 'xx'))", "the function 'replace'")]
    [InlineData("Patient.name.select(family)", "the function 'select'")]
    [InlineData("Patient.descendants().where(value = 'x')", "the function 'descendants'")]
    [InlineData("Patient.name.repeat(given)", "the function 'repeat'")]
    [InlineData("Patient.name.where(family.matches('a+'))", "the function 'matches'")]
    [InlineData("Patient.managingOrganization.resolve()", "the function 'resolve'")]
    [InlineData("Patient.name.trace('x')", "the function 'trace'")]
    [InlineData("Patient.name.where(use in ('a' | 'b'))", "the operator 'in'")]
    [InlineData("Patient.name.where(family = 'a' + 'b')", "the operator '+'")]
    [InlineData("Patient.name.where(family = 'a' & 'b')", "the operator '&'")]
    public async System.Threading.Tasks.Task DisallowedFunction_Returns400(string path, string named)
    {
        var created = await Client.CreateAsync(TestResources.Patient());

        using var response = await PatchAsync($"Patient/{created.Id}", Operation("delete", path));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var issue = (await FhirTestClient.ReadAsync<OperationOutcome>(response)).Issue[0];
        Assert.Equal(OperationOutcome.IssueType.NotSupported, issue.Code);
        Assert.Contains(named, issue.Diagnostics);
        Assert.Equal("Parameters.parameter[0]", Assert.Single(issue.Expression));
    }

    [Fact]
    public async System.Threading.Tasks.Task NestedWhere_Returns422TooCostly()
    {
        var created = await Client.CreateAsync(PatientWithIdentifiers(100));
        var stopwatch = Stopwatch.StartNew();

        using var response = await PatchAsync($"Patient/{created.Id}", Operation("delete", NestedWherePath));

        stopwatch.Stop();
        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        var issue = (await FhirTestClient.ReadAsync<OperationOutcome>(response)).Issue[0];
        Assert.Equal(OperationOutcome.IssueType.TooCostly, issue.Code);
        Assert.Contains("1,000,000 FHIRPath steps", issue.Diagnostics);
        Assert.Contains("Patch operation 0 (delete", issue.Diagnostics);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), $"The budget stopped the patch after {stopwatch.Elapsed}.");
        using var read = await Client.GetAsync($"Patient/{created.Id}");
        Assert.Equal("W/\"1\"", read.Headers.ETag?.ToString());
    }

    [Fact]
    public async System.Threading.Tasks.Task BudgetSpansOperations_Returns422()
    {
        // Each operation filters 1,000 identifiers in about 4,000 steps, so 200 of them stay
        // within the budget, but one more path that nests the filter does not.
        var created = await Client.CreateAsync(PatientWithIdentifiers(1_000));
        var patch = new Parameters();
        for (var index = 0; index < 200; index++)
            patch.Parameter.Add(Operation("delete", $"Patient.identifier.where(value = 'none-{index}')").Parameter[0]);
        patch.Parameter.Add(Operation("delete", "Patient.identifier.where(%resource.identifier.where(value = 'none').exists())").Parameter[0]);

        using var response = await PatchAsync($"Patient/{created.Id}", patch);

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        var issue = (await FhirTestClient.ReadAsync<OperationOutcome>(response)).Issue[0];
        Assert.Equal(OperationOutcome.IssueType.TooCostly, issue.Code);
        Assert.Contains("Patch operation 200 (delete", issue.Diagnostics);
    }

    [Fact]
    public async System.Threading.Tasks.Task TransactionPatches_ShareBudget()
    {
        // Each entry's 150 filters over 1,000 identifiers take about 600,000 steps, within the
        // budget alone but not together with the other entry.
        var first = await Client.CreateAsync(PatientWithIdentifiers(1_000));
        var second = await Client.CreateAsync(PatientWithIdentifiers(1_000));
        var bundle = new Bundle { Type = Bundle.BundleType.Transaction };
        foreach (var id in new[] { first.Id, second.Id })
        {
            var patch = new Parameters();
            for (var index = 0; index < 150; index++)
                patch.Parameter.Add(Operation("delete", $"Patient.identifier.where(value = 'none-{index}')").Parameter[0]);
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                Resource = patch,
                Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.PATCH, Url = $"Patient/{id}" },
            });
        }

        using var response = await Client.PostAsync(string.Empty, bundle);

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        var issue = (await FhirTestClient.ReadAsync<OperationOutcome>(response)).Issue[0];
        Assert.Equal(OperationOutcome.IssueType.TooCostly, issue.Code);
    }

    [Fact]
    public async System.Threading.Tasks.Task LargeListFilter_Applies()
    {
        var created = await Client.CreateAsync(PatientWithIdentifiers(1_000));
        var patch = new Parameters()
            .AddDeletePatchParameter("Patient.identifier.where(system = 'urn:test:many' and value = 'v500')")
            .AddReplacePatchParameter("Patient.identifier.where(value = 'v999').first().value", new FhirString("last"));

        using var response = await PatchAsync($"Patient/{created.Id}", patch);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var patched = await FhirTestClient.ReadAsync<Patient>(response);
        Assert.Equal(999, patched.Identifier.Count);
        Assert.DoesNotContain(patched.Identifier, identifier => identifier.Value == "v500");
        Assert.Equal("last", patched.Identifier[^1].Value);
    }

    [Fact]
    public async System.Threading.Tasks.Task SpecificationStylePaths_ApplyInJson()
    {
        var patient = TestResources.Patient(family: "Old");
        patient.Name[0].Use = HumanName.NameUse.Official;
        patient.Name.Add(new HumanName { Use = HumanName.NameUse.Nickname, Family = "Nick" });
        var created = await Client.CreateAsync(patient);
        var patch = new Parameters()
            .AddReplacePatchParameter("Patient.name.where(use = 'official').family", new FhirString("New"))
            .AddDeletePatchParameter("Patient.name.where(use = 'nickname' and family.startsWith('Ni'))")
            .AddAddPatchParameter("Patient.name.where(use = 'official').first()", "prefix", new FhirString("Dr"))
            .AddInsertPatchParameter("Patient.identifier", new Identifier("urn:test:other", "1"), 0);

        using var response = await PatchAsync($"Patient/{created.Id}", patch);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var patched = await FhirTestClient.ReadAsync<Patient>(response);
        var name = Assert.Single(patched.Name);
        Assert.Equal("New", name.Family);
        Assert.Equal(["Dr"], name.Prefix);
        Assert.Equal("urn:test:other", patched.Identifier[0].System);
    }

    [Fact]
    public async System.Threading.Tasks.Task ChoiceTypePath_AppliesInXml()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());
        var observation = TestResources.Observation($"Patient/{patient.Id}");
        observation.Value = new Quantity(5.4m, "mmol/L");
        var created = await Client.CreateAsync(observation);
        const string Patch = """
            <Parameters xmlns="http://hl7.org/fhir">
              <parameter>
                <name value="operation"/>
                <part><name value="type"/><valueCode value="replace"/></part>
                <part><name value="path"/><valueString value="Observation.value.ofType(Quantity).value"/></part>
                <part><name value="value"/><valueDecimal value="6.1"/></part>
              </parameter>
              <parameter>
                <name value="operation"/>
                <part><name value="type"/><valueCode value="delete"/></part>
                <part><name value="path"/><valueString value="Observation.code.coding.where(system = 'urn:none' or code.empty())"/></part>
              </parameter>
            </Parameters>
            """;
        using var request = new HttpRequestMessage(HttpMethod.Patch, Client.Url($"Observation/{created.Id}"))
        {
            Content = FhirTestClient.RawContent(Patch, "application/fhir+xml"),
        };

        using var response = await Client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var patched = await FhirTestClient.ReadAsync<Observation>(response);
        Assert.Equal(6.1m, Assert.IsType<Quantity>(patched.Value).Value);
    }

    [Fact]
    public async System.Threading.Tasks.Task NestingPastLimit_Returns400()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        var path = new string('(', 33) + "Patient.gender" + new string(')', 33);

        using var response = await PatchAsync($"Patient/{created.Id}", Operation("delete", path));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var issue = (await FhirTestClient.ReadAsync<OperationOutcome>(response)).Issue[0];
        Assert.Equal(OperationOutcome.IssueType.Invalid, issue.Code);
        Assert.Contains("more than 32 levels", issue.Diagnostics);
    }

    [Fact]
    public async System.Threading.Tasks.Task NestingAtLimit_Applies()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        var path = new string('(', 32) + "Patient.gender" + new string(')', 32);

        using var response = await PatchAsync($"Patient/{created.Id}", Operation("delete", path));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null((await FhirTestClient.ReadAsync<Patient>(response)).Gender);
    }

    [Fact]
    public async System.Threading.Tasks.Task BracketsInLiteral_NotCounted()
    {
        var created = await Client.CreateAsync(TestResources.Patient(family: new string('(', 40)));
        var path = $"Patient.name.where(family = '{new string('(', 40)}')";

        using var response = await PatchAsync($"Patient/{created.Id}", Operation("delete", path));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty((await FhirTestClient.ReadAsync<Patient>(response)).Name);
    }

    [Fact]
    public async System.Threading.Tasks.Task TotalPathLengthPastLimit_Returns400()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        var patch = new Parameters();
        var condition = string.Join(" or ", Enumerable.Repeat("value = 'x'", 60));
        for (var index = 0; index < 60; index++)
            patch.Parameter.Add(Operation("delete", $"Patient.identifier.where({condition} or value = '{index}')").Parameter[0]);
        Assert.All(patch.Parameter, parameter => Assert.True(((FhirString)parameter.Part[1].Value!).Value!.Length <= 1_000));

        using var response = await PatchAsync($"Patient/{created.Id}", patch);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var issue = (await FhirTestClient.ReadAsync<OperationOutcome>(response)).Issue[0];
        Assert.Equal(OperationOutcome.IssueType.Invalid, issue.Code);
        Assert.Contains("more than the maximum of 50000", issue.Diagnostics);
    }

    [Fact]
    public async System.Threading.Tasks.Task CancelledRequest_StopsEvaluation()
    {
        // With the budget raised out of reach, four where() levels over 100 identifiers run for
        // minutes. The patch holds the store's write lock, so a write that completes soon after
        // the client gives up shows that the evaluation stopped.
        await using var server = await SandboxServer.StartAsync(new SandboxServerOptions
        {
            Seed = "empty",
            OpenFhir = true,
            Settings = new Dictionary<string, string?> { ["Fhir:MaxPatchEvaluationSteps"] = "1000000000000" },
        });
        var client = FhirTestClient.For(server);
        var created = await client.CreateAsync(PatientWithIdentifiers(100));
        var path = "Patient.identifier.where(%context.identifier.where(%context.identifier.where("
            + "%context.identifier.where(value = 'none').exists()).exists()).exists())";
        using var patchRequest = new HttpRequestMessage(HttpMethod.Patch, client.Url($"Patient/{created.Id}"))
        {
            Content = FhirTestClient.JsonContent(Operation("delete", path)),
        };
        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(2));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.Http.SendAsync(patchRequest, giveUp.Token));
        var stopwatch = Stopwatch.StartNew();
        using var write = await client.PutAsync($"Patient/{created.Id}", TestResources.Patient(id: created.Id));

        stopwatch.Stop();
        Assert.Equal(HttpStatusCode.OK, write.StatusCode);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(20), $"The write waited {stopwatch.Elapsed} for the cancelled patch.");
    }

    private static Patient PatientWithIdentifiers(int count)
    {
        var patient = TestResources.Patient();
        for (var index = 0; index < count - 1; index++)
            patient.Identifier.Add(new Identifier("urn:test:many", $"v{index + 1}"));

        return patient;
    }

    private static Parameters Operation(string type, string path)
    {
        var operation = new Parameters.ParameterComponent { Name = "operation" };
        operation.Part.Add(new Parameters.ParameterComponent { Name = "type", Value = new Code(type) });
        operation.Part.Add(new Parameters.ParameterComponent { Name = "path", Value = new FhirString(path) });
        var patch = new Parameters();
        patch.Parameter.Add(operation);
        return patch;
    }

    private Task<HttpResponseMessage> PatchAsync(string relative, Parameters patch) =>
        Client.SendAsync(HttpMethod.Patch, relative, patch);
}
