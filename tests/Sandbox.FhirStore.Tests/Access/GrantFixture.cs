using System.Net.Http.Json;
using Hl7.Fhir.Model;
using Sandbox.Auth.Apps;
using Sandbox.Auth.Headless;
using Sandbox.Testing;

namespace Sandbox.FhirStore.Tests.Access;

/// <summary>
/// A sandbox that enforces access tokens, with two patients and data of the other patient
/// that a token for <see cref="OwnPatientId"/> must never see.
/// </summary>
public sealed class GrantFixture : IAsyncLifetime
{
    public const string OwnPatientId = "p-own";
    public const string OtherPatientId = "p-other";
    public const string OtherFamily = "Otherfamily";
    public const string OwnMrn = "OWN-1";
    public const string OtherMrn = "OTHER-1";
    public const string OtherObservationMrn = "OBS-OTHER-1";
    private const string ClientId = "grant-test-app";
    private const string User = "grant-test-doctor";

    public SandboxServer Server { get; private set; } = null!;

    /// <summary>A client with a user token that may read and write everything.</summary>
    public HttpClient Admin { get; private set; } = null!;

    /// <summary>The id of the other patient's first Observation, which has an identifier.</summary>
    public string OtherObservationId { get; private set; } = null!;

    public async System.Threading.Tasks.Task InitializeAsync()
    {
        Server = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = "empty" });
        using var persona = await Server.Client.PostAsJsonAsync(
            "api/personas",
            new { username = User, displayName = "Grant Test", role = "Practitioner", fhirUser = "Practitioner/pr-grant" });
        persona.EnsureSuccessStatusCode();
        await Server.RegisterAppAsync(new SmartApp { ClientId = ClientId, Name = "Grant test", RedirectUris = ["http://127.0.0.1:9/callback"] });

        Admin = await ClientAsync("launch openid fhirUser user/*.cruds", patient: null);
        await PutAsync(new Patient { Id = OwnPatientId, Identifier = [new Identifier(TestResources.IdentifierSystem, OwnMrn)] });
        await PutAsync(new Patient
        {
            Id = OtherPatientId,
            Identifier = [new Identifier(TestResources.IdentifierSystem, OtherMrn)],
            Name = [new HumanName { Family = OtherFamily }],
        });
        var observation = TestResources.Observation($"Patient/{OtherPatientId}");
        observation.Identifier = [new Identifier(TestResources.IdentifierSystem, OtherObservationMrn)];
        OtherObservationId = await PostAsync(observation);
        await PostAsync(TestResources.Observation($"Patient/{OtherPatientId}"));
    }

    public async System.Threading.Tasks.Task DisposeAsync()
    {
        Admin.Dispose();
        await Server.DisposeAsync();
    }

    /// <summary>Creates a client whose token holds <c>patient/*.cruds</c> for <see cref="OwnPatientId"/>.</summary>
    public Task<HttpClient> OwnPatientClientAsync() =>
        ClientAsync("launch openid fhirUser patient/*.cruds", OwnPatientId);

    /// <summary>Creates a client whose token grants <paramref name="scope"/> for <see cref="OwnPatientId"/>.</summary>
    public Task<HttpClient> OwnPatientClientAsync(string scope) =>
        ClientAsync(scope, OwnPatientId);

    private async Task<HttpClient> ClientAsync(string scope, string? patient)
    {
        var token = await Server.HeadlessLaunchAsync(new HeadlessLaunchRequest
        {
            ClientId = ClientId,
            Scope = scope,
            User = User,
            Patient = patient,
        });
        return Server.CreateFhirClient(token["access_token"]!.GetValue<string>());
    }

    private async System.Threading.Tasks.Task PutAsync(Resource resource)
    {
        using var response = await Admin.PutAsync($"{resource.TypeName}/{resource.Id}", FhirTestClient.JsonContent(resource));
        response.EnsureSuccessStatusCode();
    }

    private async Task<string> PostAsync(Resource resource)
    {
        using var response = await Admin.PostAsync(resource.TypeName, FhirTestClient.JsonContent(resource));
        response.EnsureSuccessStatusCode();
        return response.Headers.Location!.AbsolutePath.Split('/')[^3];
    }
}
