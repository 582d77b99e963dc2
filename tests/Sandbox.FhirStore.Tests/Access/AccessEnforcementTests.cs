using System.Net;
using Hl7.Fhir.Model;
using Microsoft.Extensions.DependencyInjection;
using Sandbox.FhirStore.Operations;
using Sandbox.Smart.Access;
using Sandbox.Smart.Scopes;

namespace Sandbox.FhirStore.Tests.Access;

/// <summary>
/// Grant enforcement in the operation service of a running sandbox, because the grant
/// normally arrives from the authorization module's access-token handling.
/// </summary>
public sealed class AccessEnforcementTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private ResourceService Service => fixture.Server.Services.GetRequiredService<ResourceService>();

    [Fact]
    public async System.Threading.Tasks.Task Read_OwnPatient_IsAllowed()
    {
        var patient = await fixture.Client.CreateAsync(TestResources.Patient());

        var stored = await Service.ReadAsync("Patient", patient.Id!, Grant(patient.Id!, "patient/Patient.rs"), CancellationToken.None);

        Assert.Equal(patient.Id, stored.Id);
    }

    [Fact]
    public async System.Threading.Tasks.Task Read_OtherPatient_Returns404()
    {
        var own = await fixture.Client.CreateAsync(TestResources.Patient());
        var other = await fixture.Client.CreateAsync(TestResources.Patient());

        var exception = await Assert.ThrowsAsync<FhirOperationException>(
            () => Service.ReadAsync("Patient", other.Id!, Grant(own.Id!, "patient/Patient.rs"), CancellationToken.None));

        Assert.Equal(HttpStatusCode.NotFound, exception.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Read_TypeWithoutScope_Returns403WithReason()
    {
        var patient = await fixture.Client.CreateAsync(TestResources.Patient());

        var exception = await Assert.ThrowsAsync<FhirOperationException>(
            () => Service.ReadAsync("Patient", patient.Id!, Grant(patient.Id!, "patient/Observation.rs"), CancellationToken.None));

        Assert.Equal(HttpStatusCode.Forbidden, exception.StatusCode);
        Assert.Contains("patient/Patient.r", exception.Message);
    }

    [Fact]
    public async System.Threading.Tasks.Task Update_HiddenOtherPatient_Returns404LikeMissing()
    {
        var own = await fixture.Client.CreateAsync(TestResources.Patient());
        var other = await fixture.Client.CreateAsync(TestResources.Patient());

        var exception = await Assert.ThrowsAsync<FhirOperationException>(
            () => Service.UpdateAsync("Patient", other.Id!, other, null, Grant(own.Id!, "patient/Patient.u"), CancellationToken.None));

        Assert.Equal(HttpStatusCode.NotFound, exception.StatusCode);
        Assert.Equal($"Patient/{other.Id} was not found.", exception.Message);
    }

    [Fact]
    public async System.Threading.Tasks.Task Update_ReadableOtherPatient_Returns403()
    {
        var own = await fixture.Client.CreateAsync(TestResources.Patient());
        var other = await fixture.Client.CreateAsync(TestResources.Patient());

        var exception = await Assert.ThrowsAsync<FhirOperationException>(
            () => Service.UpdateAsync("Patient", other.Id!, other, null, Grant(own.Id!, "patient/Patient.u", "user/Patient.r"), CancellationToken.None));

        Assert.Equal(HttpStatusCode.Forbidden, exception.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Delete_HiddenOtherPatient_Returns404LikeMissing()
    {
        var own = await fixture.Client.CreateAsync(TestResources.Patient());
        var other = await fixture.Client.CreateAsync(TestResources.Patient());
        var grant = Grant(own.Id!, "patient/Patient.rd");

        var hidden = await Assert.ThrowsAsync<FhirOperationException>(
            () => Service.DeleteAsync("Patient", other.Id!, null, grant, CancellationToken.None));
        var missing = await Assert.ThrowsAsync<FhirOperationException>(
            () => Service.DeleteAsync("Patient", "no-such-patient", null, grant, CancellationToken.None));

        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(missing.StatusCode, hidden.StatusCode);
        Assert.Equal(missing.Message.Replace("no-such-patient", other.Id, StringComparison.Ordinal), hidden.Message);
    }

    [Fact]
    public async System.Threading.Tasks.Task ReadVersion_HiddenOtherPatient_Returns404LikeMissing()
    {
        var own = await fixture.Client.CreateAsync(TestResources.Patient());
        var other = await fixture.Client.CreateAsync(TestResources.Patient());
        var grant = Grant(own.Id!, "patient/Patient.rs");

        var hidden = await Assert.ThrowsAsync<FhirOperationException>(
            () => Service.ReadVersionAsync("Patient", other.Id!, 1, grant, CancellationToken.None));
        var missing = await Assert.ThrowsAsync<FhirOperationException>(
            () => Service.ReadVersionAsync("Patient", "no-such-patient", 1, grant, CancellationToken.None));

        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(missing.Message.Replace("no-such-patient", other.Id, StringComparison.Ordinal), hidden.Message);
    }

    [Fact]
    public async System.Threading.Tasks.Task Create_WithoutCreateScope_Returns403()
    {
        var exception = await Assert.ThrowsAsync<FhirOperationException>(
            () => Service.CreateAsync(TestResources.Patient(), null, Grant("any", "patient/Patient.rs"), CancellationToken.None));

        Assert.Equal(HttpStatusCode.Forbidden, exception.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Delete_WithoutDeleteScope_KeepsResource()
    {
        var patient = await fixture.Client.CreateAsync(TestResources.Patient());

        await Assert.ThrowsAsync<FhirOperationException>(
            () => Service.DeleteAsync("Patient", patient.Id!, null, Grant(patient.Id!, "patient/Patient.rs"), CancellationToken.None));

        var stored = await Service.ReadAsync("Patient", patient.Id!, FhirAccessGrant.Unrestricted, CancellationToken.None);
        Assert.False(stored.IsDeleted);
    }

    [Fact]
    public async System.Threading.Tasks.Task TypeHistory_LimitedGrant_Returns403()
    {
        var query = new Sandbox.FhirStore.Storage.HistoryQuery("Patient", null, null, null, null, 10);

        var exception = await Assert.ThrowsAsync<FhirOperationException>(
            () => Service.ReadHistoryAsync(query, Grant("any", "patient/Patient.rs"), CancellationToken.None));

        Assert.Equal(HttpStatusCode.Forbidden, exception.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task ReadVersion_VersionOfAnotherPatient_Returns404()
    {
        var (observation, newOwner) = await CreateMovedObservationAsync();

        var exception = await Assert.ThrowsAsync<FhirOperationException>(
            () => Service.ReadVersionAsync("Observation", observation.Id!, 1, Grant(newOwner.Id!, "patient/Observation.rs"), CancellationToken.None));

        Assert.Equal(HttpStatusCode.NotFound, exception.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task ReadVersion_OwnVersion_IsAllowed()
    {
        var (observation, newOwner) = await CreateMovedObservationAsync();

        var stored = await Service.ReadVersionAsync("Observation", observation.Id!, 2, Grant(newOwner.Id!, "patient/Observation.rs"), CancellationToken.None);

        Assert.Equal(2, stored.VersionId);
    }

    [Fact]
    public async System.Threading.Tasks.Task InstanceHistory_LimitedGrant_HidesOtherPatientVersions()
    {
        var (observation, newOwner) = await CreateMovedObservationAsync();
        var query = new Sandbox.FhirStore.Storage.HistoryQuery("Observation", observation.Id, null, null, null, 10);

        var page = await Service.ReadHistoryAsync(query, Grant(newOwner.Id!, "patient/Observation.rs"), CancellationToken.None);

        Assert.Equal([2], page.Versions.Select(version => version.VersionId));
    }

    /// <summary>An Observation whose version 1 belongs to one patient and version 2 to another.</summary>
    private async Task<(Observation Observation, Patient NewOwner)> CreateMovedObservationAsync()
    {
        var first = await fixture.Client.CreateAsync(TestResources.Patient());
        var second = await fixture.Client.CreateAsync(TestResources.Patient());
        var observation = await fixture.Client.CreateAsync(TestResources.Observation($"Patient/{first.Id}"));
        observation.Subject = new ResourceReference($"Patient/{second.Id}");
        using var moved = await fixture.Client.PutAsync($"Observation/{observation.Id}", observation);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        return (observation, second);
    }

    private static FhirAccessGrant Grant(string patientId, params string[] scopes)
    {
        var parsed = scopes.Select(text => ResourceScope.TryParse(text, out var scope) ? scope : throw new ArgumentException(text));
        return FhirAccessGrant.FromScopes(parsed, patientId);
    }
}
