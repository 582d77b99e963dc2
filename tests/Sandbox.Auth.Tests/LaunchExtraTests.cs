using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Sandbox.Auth.Tests;

/// <summary>
/// The <c>extra</c> parameters of a launch may not take the name of a token response member
/// that the sandbox sets from the grant, nor an empty name, nor a null value.
/// </summary>
public sealed class LaunchExtraTests(LaunchExtraTests.Host host) : IClassFixture<LaunchExtraTests.Host>
{
    public static TheoryData<string> ReservedNames =>
    [
        "access_token", "token_type", "expires_in", "scope", "refresh_token", "id_token",
        "patient", "encounter", "fhirContext", "need_patient_banner", "smart_style_url",
        "intent", "tenant", "fhirUser", "state", "error", "error_description", "error_uri",
    ];

    [Theory]
    [MemberData(nameof(ReservedNames))]
    public async Task Launch_ReservedExtraName_Returns400(string name)
    {
        var body = new JsonObject { ["extra"] = new JsonObject { [name] = "x" } };

        var (status, detail) = await host.Fixture.PostForProblemAsync("/api/launches", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains($"'{name}'", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("patient")]
    [InlineData("encounter")]
    [InlineData("id_token")]
    [InlineData("refresh_token")]
    public async Task HeadlessLaunch_ReservedExtraName_Returns400(string name)
    {
        var body = HeadlessBody();
        body["extra"] = new JsonObject { [name] = "x" };

        var (status, detail) = await host.Fixture.PostForProblemAsync("/api/launches/headless", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains($"'{name}'", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/launches", "")]
    [InlineData("/api/launches", "  ")]
    [InlineData("/api/launches/headless", "")]
    public async Task Launch_BlankExtraName_Returns400(string path, string name)
    {
        var body = path.EndsWith("headless", StringComparison.Ordinal) ? HeadlessBody() : new JsonObject();
        body["extra"] = new JsonObject { [name] = "x" };

        var (status, detail) = await host.Fixture.PostForProblemAsync(path, body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("empty or blank name", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/launches")]
    [InlineData("/api/launches/headless")]
    public async Task Launch_NullExtraValue_Returns400(string path)
    {
        var body = path.EndsWith("headless", StringComparison.Ordinal) ? HeadlessBody() : new JsonObject();
        body["extra"] = new JsonObject { ["custom_param"] = null };

        var (status, detail) = await host.Fixture.PostForProblemAsync(path, body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("'custom_param' is null", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HeadlessLaunch_OwnExtraName_ReturnsIt()
    {
        var body = HeadlessBody();
        body["extra"] = new JsonObject { ["custom_param"] = "custom-value" };

        var response = await host.Fixture.Client.PostAsJsonAsync("/api/launches/headless", body);

        var token = await AuthFixture.ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("custom-value", token["custom_param"]!.GetValue<string>());
    }

    /// <summary>Returns a headless launch body for the fixture's app, practitioner and patient.</summary>
    internal static JsonObject HeadlessBody() => new()
    {
        ["clientId"] = "app",
        ["scope"] = "launch patient/*.rs",
        ["user"] = AuthFixture.PractitionerUser,
        ["patient"] = AuthFixture.PatientId,
    };

    public sealed class Host : IAsyncLifetime
    {
        internal AuthFixture Fixture { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Fixture = await AuthFixture.StartAsync();
            await Fixture.RegisterPublicAppAsync("app", scopes: ["launch", "patient/*.rs"]);
        }

        public async Task DisposeAsync() => await Fixture.DisposeAsync();
    }
}
