using System.Net;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Sandbox.FhirStore.Tests.Bundles;

namespace Sandbox.FhirStore.Tests.Rest;

/// <summary>
/// PATCH with a FHIRPath Patch body, a Parameters resource of <c>operation</c> parameters, as
/// https://hl7.org/fhir/R4/fhirpatch.html defines it.
/// </summary>
public sealed class FhirPathPatchTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private FhirTestClient Client => fixture.Client;

    [Fact]
    public async System.Threading.Tasks.Task Replace_Family_StoresNextVersion()
    {
        var created = await Client.CreateAsync(TestResources.Patient(family: "Old"));
        var patch = new Parameters().AddReplacePatchParameter("Patient.name[0].family", new FhirString("New"));

        using var response = await PatchAsync($"Patient/{created.Id}", patch);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("W/\"2\"", response.Headers.ETag?.ToString());
        var patient = await FhirTestClient.ReadAsync<Patient>(response);
        Assert.Equal("New", patient.Name[0].Family);
    }

    [Fact]
    public async System.Threading.Tasks.Task Replace_Family_UpdatesSearchIndex()
    {
        var created = await Client.CreateAsync(TestResources.Patient(family: "Old"));
        var family = TestResources.UniqueValue();
        var patch = new Parameters().AddReplacePatchParameter("Patient.name.family", new FhirString(family));

        (await PatchAsync($"Patient/{created.Id}", patch)).Dispose();

        var bundle = await Client.ReadBundleAsync($"Patient?family={family}");
        Assert.Equal(created.Id, Assert.Single(bundle.Entry).Resource!.Id);
    }

    [Fact]
    public async System.Threading.Tasks.Task Replace_GenderAsValueCode_SetsGender()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        var patch = new Parameters().AddReplacePatchParameter("Patient.gender", new Code("male"));

        using var response = await PatchAsync($"Patient/{created.Id}", patch);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(AdministrativeGender.Male, (await FhirTestClient.ReadAsync<Patient>(response)).Gender);
    }

    [Fact]
    public async System.Threading.Tasks.Task Replace_ChoiceElement_ChangesType()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());
        var created = await Client.CreateAsync(TestResources.Observation($"Patient/{patient.Id}"));
        var patch = new Parameters().AddReplacePatchParameter("Observation.value", new FhirString("steady"));

        using var response = await PatchAsync($"Observation/{created.Id}", patch);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var observation = await FhirTestClient.ReadAsync<Observation>(response);
        Assert.Equal("steady", Assert.IsType<FhirString>(observation.Value).Value);
    }

    [Fact]
    public async System.Threading.Tasks.Task Replace_ChoiceWithDisallowedType_Returns422()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());
        var created = await Client.CreateAsync(TestResources.Observation($"Patient/{patient.Id}"));
        var patch = new Parameters().AddReplacePatchParameter("Observation.value", new Attachment { Title = "scan" });

        using var response = await PatchAsync($"Observation/{created.Id}", patch);

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Contains("Attachment", outcome.Issue[0].Diagnostics);
    }

    [Fact]
    public async System.Threading.Tasks.Task Replace_PrimitiveWithExtension_KeepsExtension()
    {
        var patient = TestResources.Patient();
        patient.BirthDateElement = new Date("1980-01-01");
        patient.BirthDateElement.Extension.Add(new Extension("urn:test:note", new FhirString("estimated")));
        var created = await Client.CreateAsync(patient);
        var patch = new Parameters().AddReplacePatchParameter("Patient.birthDate", new Date("1981-02-03"));

        using var response = await PatchAsync($"Patient/{created.Id}", patch);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var patched = await FhirTestClient.ReadAsync<Patient>(response);
        Assert.Equal("1981-02-03", patched.BirthDate);
        Assert.Equal("urn:test:note", Assert.Single(patched.BirthDateElement!.Extension).Url);
    }

    [Fact]
    public async System.Threading.Tasks.Task Add_Identifier_AppendsToList()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        var patch = new Parameters().AddAddPatchParameter("Patient", "identifier", new Identifier("urn:test:other", "42"));

        using var response = await PatchAsync($"Patient/{created.Id}", patch);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var patient = await FhirTestClient.ReadAsync<Patient>(response);
        Assert.Equal(2, patient.Identifier.Count);
        Assert.Equal("42", patient.Identifier[1].Value);
    }

    [Fact]
    public async System.Threading.Tasks.Task Add_ComplexValueFromParts_SetsElement()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        var value = new Parameters.ParameterComponent { Name = "value" };
        value.Part.Add(new Parameters.ParameterComponent { Name = "system", Value = new FhirUri("urn:test:other") });
        value.Part.Add(new Parameters.ParameterComponent { Name = "value", Value = new FhirString("43") });
        var patch = Operation("add", "Patient", ("name", new FhirString("identifier")));
        patch.Parameter[0].Part.Add(value);

        using var response = await PatchAsync($"Patient/{created.Id}", patch);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var identifier = (await FhirTestClient.ReadAsync<Patient>(response)).Identifier[1];
        Assert.Equal("urn:test:other", identifier.System);
        Assert.Equal("43", identifier.Value);
    }

    [Fact]
    public async System.Threading.Tasks.Task Add_SingleElementAlreadySet_Returns422()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        var patch = new Parameters().AddAddPatchParameter("Patient", "gender", new Code("male"));

        using var response = await PatchAsync($"Patient/{created.Id}", patch);

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Contains("Patch operation 0 (add Patient)", outcome.Issue[0].Diagnostics);
    }

    [Fact]
    public async System.Threading.Tasks.Task Insert_AtIndexZero_PutsItemFirst()
    {
        var created = await Client.CreateAsync(TestResources.Patient(family: "Second"));
        var patch = new Parameters().AddInsertPatchParameter("Patient.name", new HumanName { Family = "First" }, 0);

        using var response = await PatchAsync($"Patient/{created.Id}", patch);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var patient = await FhirTestClient.ReadAsync<Patient>(response);
        Assert.Equal(["First", "Second"], patient.Name.Select(name => name.Family));
    }

    [Fact]
    public async System.Threading.Tasks.Task Insert_IntoEmptyList_CreatesList()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        var patch = new Parameters().AddInsertPatchParameter("Patient.name[0].prefix", new FhirString("Dr"), 0);

        using var response = await PatchAsync($"Patient/{created.Id}", patch);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Dr", Assert.Single((await FhirTestClient.ReadAsync<Patient>(response)).Name[0].Prefix));
    }

    [Fact]
    public async System.Threading.Tasks.Task Insert_PastEnd_Returns422()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        var patch = new Parameters().AddInsertPatchParameter("Patient.name", new HumanName { Family = "Late" }, 5);

        using var response = await PatchAsync($"Patient/{created.Id}", patch);

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Contains("past the end of the list", outcome.Issue[0].Diagnostics);
        Assert.Equal("Parameters.parameter[0]", Assert.Single(outcome.Issue[0].Expression));
    }

    [Fact]
    public async System.Threading.Tasks.Task Delete_ListItem_RemovesIt()
    {
        var patient = TestResources.Patient(family: "Keep");
        patient.Name.Add(new HumanName { Family = "Drop" });
        var created = await Client.CreateAsync(patient);
        var patch = new Parameters().AddDeletePatchParameter("Patient.name.where(family = 'Drop')");

        using var response = await PatchAsync($"Patient/{created.Id}", patch);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Keep", Assert.Single((await FhirTestClient.ReadAsync<Patient>(response)).Name).Family);
    }

    [Fact]
    public async System.Threading.Tasks.Task Delete_FhirFunctionInPath_ClearsIt()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        var patch = new Parameters().AddDeletePatchParameter("Patient.gender.where(hasValue())");

        using var response = await PatchAsync($"Patient/{created.Id}", patch);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null((await FhirTestClient.ReadAsync<Patient>(response)).Gender);
    }

    [Fact]
    public async System.Threading.Tasks.Task Delete_SingleElement_ClearsIt()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        var patch = new Parameters().AddDeletePatchParameter("Patient.gender");

        using var response = await PatchAsync($"Patient/{created.Id}", patch);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null((await FhirTestClient.ReadAsync<Patient>(response)).Gender);
    }

    [Fact]
    public async System.Threading.Tasks.Task Delete_NoMatch_StoresNoVersion()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        var patch = new Parameters().AddDeletePatchParameter("Patient.birthDate");

        using var response = await PatchAsync($"Patient/{created.Id}", patch);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("W/\"1\"", response.Headers.ETag?.ToString());
    }

    [Fact]
    public async System.Threading.Tasks.Task Delete_SeveralMatches_Returns422()
    {
        var patient = TestResources.Patient();
        patient.Name.Add(new HumanName { Family = "Other" });
        var created = await Client.CreateAsync(patient);
        var patch = new Parameters().AddDeletePatchParameter("Patient.name");

        using var response = await PatchAsync($"Patient/{created.Id}", patch);

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Delete_WholeResource_Returns422()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        var patch = new Parameters().AddDeletePatchParameter("Patient");

        using var response = await PatchAsync($"Patient/{created.Id}", patch);

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Delete_ChoiceElement_ClearsIt()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());
        var created = await Client.CreateAsync(TestResources.Observation($"Patient/{patient.Id}"));
        var patch = new Parameters().AddDeletePatchParameter("Observation.value");

        using var response = await PatchAsync($"Observation/{created.Id}", patch);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null((await FhirTestClient.ReadAsync<Observation>(response)).Value);
    }

    [Fact]
    public async System.Threading.Tasks.Task Delete_PrimitiveExtension_KeepsValue()
    {
        var patient = TestResources.Patient();
        patient.BirthDateElement = new Date("1980-01-01");
        patient.BirthDateElement.Extension.Add(new Extension("urn:test:note", new FhirString("estimated")));
        var created = await Client.CreateAsync(patient);
        var patch = new Parameters().AddDeletePatchParameter("Patient.birthDate.extension('urn:test:note')");

        using var response = await PatchAsync($"Patient/{created.Id}", patch);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var patched = await FhirTestClient.ReadAsync<Patient>(response);
        Assert.Equal("1980-01-01", patched.BirthDate);
        Assert.Empty(patched.BirthDateElement!.Extension);
    }

    [Fact]
    public async System.Threading.Tasks.Task Replace_PrimitiveInList_ReplacesIt()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        var patch = new Parameters().AddReplacePatchParameter("Patient.name[0].given[0]", new FhirString("Grace"));

        using var response = await PatchAsync($"Patient/{created.Id}", patch);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["Grace"], (await FhirTestClient.ReadAsync<Patient>(response)).Name[0].Given);
    }

    [Fact]
    public async System.Threading.Tasks.Task EmptyPatch_StoresNoVersion()
    {
        var created = await Client.CreateAsync(TestResources.Patient());

        using var response = await PatchAsync($"Patient/{created.Id}", new Parameters());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("W/\"1\"", response.Headers.ETag?.ToString());
    }

    [Fact]
    public async System.Threading.Tasks.Task ParameterNotOperation_Returns400()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        var patch = new Parameters().Add("patch", new FhirString("Patient.active"));

        using var response = await PatchAsync($"Patient/{created.Id}", patch);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal("Parameters.parameter[0]", Assert.Single(outcome.Issue[0].Expression));
    }

    [Fact]
    public async System.Threading.Tasks.Task Move_LastToFirst_ReordersList()
    {
        var patient = TestResources.Patient(family: "A");
        patient.Name.Add(new HumanName { Family = "B" });
        patient.Name.Add(new HumanName { Family = "C" });
        var created = await Client.CreateAsync(patient);
        var patch = new Parameters().AddMovePatchParameter("Patient.name", 2, 0);

        using var response = await PatchAsync($"Patient/{created.Id}", patch);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var patched = await FhirTestClient.ReadAsync<Patient>(response);
        Assert.Equal(["C", "A", "B"], patched.Name.Select(name => name.Family));
    }

    [Fact]
    public async System.Threading.Tasks.Task Move_SourceOutOfRange_Returns422()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        var patch = new Parameters().AddMovePatchParameter("Patient.name", 3, 0);

        using var response = await PatchAsync($"Patient/{created.Id}", patch);

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task SecondOperationFails_StoresNothing()
    {
        var created = await Client.CreateAsync(TestResources.Patient(family: "Old"));
        var patch = new Parameters()
            .AddReplacePatchParameter("Patient.name[0].family", new FhirString("New"))
            .AddReplacePatchParameter("Patient.birthDate", new Date("2000-01-01"));

        using var response = await PatchAsync($"Patient/{created.Id}", patch);

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Contains("Patch operation 1 (replace Patient.birthDate)", outcome.Issue[0].Diagnostics);
        using var read = await Client.GetAsync($"Patient/{created.Id}");
        Assert.Equal("Old", (await FhirTestClient.ReadAsync<Patient>(read)).Name[0].Family);
    }

    [Theory]
    [InlineData("add")]
    [InlineData("replace")]
    public async System.Threading.Tasks.Task ComputedValuePath_Returns422(string type)
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        var patch = type == "add"
            ? new Parameters().AddAddPatchParameter("Patient.name.count()", "id", new FhirString("x"))
            : new Parameters().AddReplacePatchParameter("Patient.name.count()", new Integer(3));

        using var response = await PatchAsync($"Patient/{created.Id}", patch);

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Contains("computed value", outcome.Issue[0].Diagnostics);
    }

    [Fact]
    public async System.Threading.Tasks.Task ValueOfWrongType_Returns422()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        var patch = new Parameters().AddReplacePatchParameter("Patient.name[0].family", new Integer(7));

        using var response = await PatchAsync($"Patient/{created.Id}", patch);

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task ResultInvalid_Returns400()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        var patch = new Parameters().AddReplacePatchParameter("Patient.gender", new Code("robot"));

        using var response = await PatchAsync($"Patient/{created.Id}", patch);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task ReplaceId_Returns400()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        var patch = new Parameters().AddReplacePatchParameter("Patient.id", new Id("other-id"));

        using var response = await PatchAsync($"Patient/{created.Id}", patch);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("upsert", "Patient.active")]
    [InlineData("delete", "Patient.name.(")]
    public async System.Threading.Tasks.Task MalformedOperation_Returns400(string type, string path)
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        var patch = Operation(type, path);

        using var response = await PatchAsync($"Patient/{created.Id}", patch);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal(OperationOutcome.IssueType.Invalid, outcome.Issue[0].Code);
    }

    [Fact]
    public async System.Threading.Tasks.Task DeeplyNestedPath_Returns400()
    {
        // Firely's FHIRPath parser recurses once per bracket, so 20,000 nested brackets
        // overflow the stack and end the process unless the path is rejected first.
        var created = await Client.CreateAsync(TestResources.Patient());
        var path = new string('(', 20_000) + "Patient.name" + new string(')', 20_000);

        using var response = await PatchAsync($"Patient/{created.Id}", Operation("delete", path));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal(OperationOutcome.IssueType.Invalid, outcome.Issue[0].Code);
        Assert.Equal("Parameters.parameter[0]", Assert.Single(outcome.Issue[0].Expression));
        using var read = await Client.GetAsync($"Patient/{created.Id}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task PathUnderLengthLimit_Applies()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        var condition = string.Join(" and ", Enumerable.Repeat("true", 100));
        var path = $"Patient.name.where({condition})";
        Assert.True(path.Length <= 1_000);

        using var response = await PatchAsync($"Patient/{created.Id}", Operation("delete", path));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var patched = await FhirTestClient.ReadAsync<Patient>(response);
        Assert.Empty(patched.Name);
    }

    [Fact]
    public async System.Threading.Tasks.Task TooManyOperations_Returns400()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        var patch = new Parameters();
        for (var index = 0; index < 1_001; index++)
            patch.Parameter.Add(Operation("delete", $"Patient.identifier.where(value = 'x{index}')").Parameter[0]);

        using var response = await PatchAsync($"Patient/{created.Id}", patch);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal(OperationOutcome.IssueType.Invalid, outcome.Issue[0].Code);
        Assert.Contains("1001 operations", outcome.Issue[0].Diagnostics);
    }

    [Fact]
    public async System.Threading.Tasks.Task ThousandOperations_Applies()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        var patch = new Parameters();
        for (var index = 0; index < 1_000; index++)
            patch.Parameter.Add(Operation("add", "Patient", ("name", new FhirString("identifier")), ("value", new Identifier("urn:test", $"v{index}"))).Parameter[0]);

        using var response = await PatchAsync($"Patient/{created.Id}", patch);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var patched = await FhirTestClient.ReadAsync<Patient>(response);
        Assert.Equal(1_001, patched.Identifier.Count);
    }

    [Fact]
    public async System.Threading.Tasks.Task ReplaceWithoutValue_Returns400()
    {
        var created = await Client.CreateAsync(TestResources.Patient());

        using var response = await PatchAsync($"Patient/{created.Id}", Operation("replace", "Patient.active"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Contains("no 'value' part", outcome.Issue[0].Diagnostics);
    }

    [Fact]
    public async System.Threading.Tasks.Task BodyNotParameters_Returns400()
    {
        var created = await Client.CreateAsync(TestResources.Patient());

        using var response = await Client.SendAsync(HttpMethod.Patch, $"Patient/{created.Id}", TestResources.Patient());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task XmlBody_AppliesPatch()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        const string Patch = """
            <Parameters xmlns="http://hl7.org/fhir">
              <parameter>
                <name value="operation"/>
                <part><name value="type"/><valueCode value="add"/></part>
                <part><name value="path"/><valueString value="Patient"/></part>
                <part><name value="name"/><valueString value="birthDate"/></part>
                <part><name value="value"/><valueDate value="1990-05-06"/></part>
              </parameter>
            </Parameters>
            """;
        using var request = new HttpRequestMessage(HttpMethod.Patch, Client.Url($"Patient/{created.Id}"))
        {
            Content = FhirTestClient.RawContent(Patch, "application/fhir+xml"),
        };

        using var response = await Client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1990-05-06", (await FhirTestClient.ReadAsync<Patient>(response)).BirthDate);
    }

    [Fact]
    public async System.Threading.Tasks.Task StaleIfMatch_Returns412()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        (await Client.PutAsync($"Patient/{created.Id}", created)).Dispose();
        var patch = new Parameters().AddDeletePatchParameter("Patient.gender");

        using var response = await PatchAsync($"Patient/{created.Id}", patch, ("If-Match", "W/\"1\""));

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task ConditionalPatch_OneMatch_PatchesIt()
    {
        var mrn = TestResources.UniqueValue();
        var created = await Client.CreateAsync(TestResources.Patient(mrn: mrn));
        var patch = new Parameters().AddReplacePatchParameter("Patient.gender", new Code("other"));

        using var response = await PatchAsync($"Patient?identifier={TestResources.IdentifierSystem}|{mrn}", patch);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var patched = await FhirTestClient.ReadAsync<Patient>(response);
        Assert.Equal(created.Id, patched.Id);
        Assert.Equal(AdministrativeGender.Other, patched.Gender);
    }

    [Fact]
    public async System.Threading.Tasks.Task TransactionEntry_AppliesPatch()
    {
        var created = await Client.CreateAsync(TestResources.Patient(family: "Old"));
        var bundle = new Bundle { Type = Bundle.BundleType.Transaction };
        bundle.Entry.Add(new Bundle.EntryComponent
        {
            Resource = new Parameters().AddReplacePatchParameter("Patient.name[0].family", new FhirString("New")),
            Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.PATCH, Url = $"Patient/{created.Id}" },
        });

        using var response = await Client.PostAsync(string.Empty, bundle);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await FhirTestClient.ReadAsync<Bundle>(response);
        Assert.Equal("200 OK", result.Entry[0].Response!.Status);
        using var read = await Client.GetAsync($"Patient/{created.Id}");
        Assert.Equal("New", (await FhirTestClient.ReadAsync<Patient>(read)).Name[0].Family);
    }

    [Fact]
    public async System.Threading.Tasks.Task Metadata_ListsFhirPathPatchFormats()
    {
        using var response = await Client.GetAsync("metadata");

        var statement = await FhirTestClient.ReadAsync<CapabilityStatement>(response);
        Assert.Contains("application/fhir+json", statement.PatchFormat);
        Assert.Contains("application/fhir+xml", statement.PatchFormat);
    }

    private static Parameters Operation(string type, string path, params (string Name, DataType Value)[] parts)
    {
        var operation = new Parameters.ParameterComponent { Name = "operation" };
        operation.Part.Add(new Parameters.ParameterComponent { Name = "type", Value = new Code(type) });
        operation.Part.Add(new Parameters.ParameterComponent { Name = "path", Value = new FhirString(path) });
        foreach (var (name, value) in parts)
            operation.Part.Add(new Parameters.ParameterComponent { Name = name, Value = value });

        var patch = new Parameters();
        patch.Parameter.Add(operation);
        return patch;
    }

    private Task<HttpResponseMessage> PatchAsync(string relative, Parameters patch, params (string Name, string Value)[] headers) =>
        Client.SendAsync(HttpMethod.Patch, relative, patch, headers);
}
