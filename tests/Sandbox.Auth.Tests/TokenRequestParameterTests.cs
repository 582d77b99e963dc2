using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Sandbox.Auth.Tests;

/// <summary>
/// Parameters of the authorization and token requests that OAuth extensions or libraries add:
/// <c>scope</c> on the code exchange, <c>resource</c> (RFC 8707), and the id_token claims they
/// lead to.
/// </summary>
public sealed class TokenRequestParameterTests
{
    private static object Launch() => new
    {
        clientId = "app",
        user = AuthFixture.PractitionerUser,
        patient = AuthFixture.PatientId,
        skipLogin = true,
    };

    private static async Task<(string Code, Pkce Pkce)> AuthorizeAsync(AuthFixture fixture, string scope, string? resource = null)
    {
        var launch = await fixture.CreateLaunchAsync(Launch());
        var pkce = Pkce.Create();
        var url = fixture.AuthorizeUrl("app", scope, pkce, launch);
        if (resource is not null)
            url += $"&resource={Uri.EscapeDataString(resource)}";

        var redirect = await fixture.FollowToAppAsync(url);
        var query = AuthFixture.Query(redirect);
        Assert.False(query.ContainsKey("error"), query.GetValueOrDefault("error_description"));
        return (query["code"], pkce);
    }

    private static Dictionary<string, string> CodeForm(string code, Pkce pkce) => new()
    {
        ["grant_type"] = "authorization_code",
        ["code"] = code,
        ["redirect_uri"] = AuthFixture.RedirectUri,
        ["client_id"] = "app",
        ["code_verifier"] = pkce.Verifier,
    };

    [Fact]
    public async Task CodeExchange_WithScope_IgnoresIt()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var (code, pkce) = await AuthorizeAsync(fixture, "launch patient/Observation.rs");
        var form = CodeForm(code, pkce);
        form["scope"] = "launch patient/*.cruds user/*.cruds";

        using var response = await fixture.PostTokenAsync(form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("launch patient/Observation.rs", token["scope"]!.GetValue<string>());
    }

    [Fact]
    public async Task Resource_FhirBase_IsAccepted()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var (code, pkce) = await AuthorizeAsync(fixture, "launch patient/*.rs", fixture.FhirBase);
        var form = CodeForm(code, pkce);
        form["resource"] = fixture.FhirBase + "/";

        using var response = await fixture.PostTokenAsync(form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(fixture.FhirBase, AuthFixture.ReadJwtPayload(token["access_token"]!.GetValue<string>())["aud"]!.GetValue<string>());
    }

    [Fact]
    public async Task Resource_OtherUrl_RedirectsInvalidTarget()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var launch = await fixture.CreateLaunchAsync(Launch());
        var url = fixture.AuthorizeUrl("app", "launch patient/*.rs", Pkce.Create(), launch)
            + $"&resource={Uri.EscapeDataString(fixture.Server.BaseAddress.AbsoluteUri)}";

        var redirect = await fixture.FollowToAppAsync(url);

        var query = AuthFixture.Query(redirect);
        Assert.Equal("invalid_target", query["error"]);
        Assert.Contains($"'{fixture.FhirBase}'", query["error_description"]);
    }

    [Fact]
    public async Task TokenResource_OtherUrl_ReturnsInvalidTarget()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var (code, pkce) = await AuthorizeAsync(fixture, "launch patient/*.rs");
        var form = CodeForm(code, pkce);
        form["resource"] = "https://fhir.example/r4";

        using var response = await fixture.PostTokenAsync(form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("invalid_target", body["error"]!.GetValue<string>());
        Assert.Contains($"'{fixture.FhirBase}'", body["error_description"]!.GetValue<string>());
    }

    [Fact]
    public async Task IdToken_ProfileOnly_OmitsFhirUser()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");

        var token = await fixture.LaunchAndRedeemAsync("app", "launch openid profile", Launch());

        var idToken = AuthFixture.ReadJwtPayload(token["id_token"]!.GetValue<string>());
        Assert.Null(idToken["fhirUser"]);
        Assert.Equal("Dr Test", idToken["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task IdToken_ProfileScope_HasProfileClaim()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");

        var token = await fixture.LaunchAndRedeemAsync("app", "launch openid profile", Launch());

        var idToken = AuthFixture.ReadJwtPayload(token["id_token"]!.GetValue<string>());
        Assert.Equal($"{fixture.FhirBase}/Practitioner/pr-1", idToken["profile"]?.GetValue<string>());
    }

    [Fact]
    public async Task IdToken_FhirUserOnly_OmitsProfileClaim()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");

        var token = await fixture.LaunchAndRedeemAsync("app", "launch openid fhirUser", Launch());

        var idToken = AuthFixture.ReadJwtPayload(token["id_token"]!.GetValue<string>());
        Assert.Null(idToken["profile"]);
        Assert.Equal($"{fixture.FhirBase}/Practitioner/pr-1", idToken["fhirUser"]?.GetValue<string>());
    }
}
