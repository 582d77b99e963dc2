using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Sandbox.Auth.Tests;

public sealed class DiscoveryTests
{
    [Fact]
    public async Task SmartConfiguration_ListsRequiredFields()
    {
        await using var fixture = await AuthFixture.StartAsync();

        var document = (await fixture.Client.GetFromJsonAsync<JsonObject>("/fhir/.well-known/smart-configuration"))!;

        Assert.Equal(fixture.Server.BaseAddress.AbsoluteUri, document["issuer"]!.GetValue<string>());
        Assert.Equal(fixture.TokenUrl, document["token_endpoint"]!.GetValue<string>());
        Assert.NotNull(document["jwks_uri"]);
        Assert.NotNull(document["authorization_endpoint"]);
        Assert.NotNull(document["introspection_endpoint"]);
        Assert.NotNull(document["revocation_endpoint"]);
        Assert.Equal(
            new Uri(fixture.Server.BaseAddress, "account/app-access").AbsoluteUri,
            document["management_endpoint"]!.GetValue<string>());
        Assert.Contains("private_key_jwt", document["token_endpoint_auth_methods_supported"]!.AsArray().Select(node => node!.GetValue<string>()));
        Assert.Contains("launch-ehr", document["capabilities"]!.AsArray().Select(node => node!.GetValue<string>()));
    }

    [Fact]
    public async Task SmartConfiguration_AdvertisesS256Only()
    {
        await using var fixture = await AuthFixture.StartAsync();

        var document = (await fixture.Client.GetFromJsonAsync<JsonObject>("/fhir/.well-known/smart-configuration"))!;

        var methods = document["code_challenge_methods_supported"]!.AsArray().Select(node => node!.GetValue<string>());
        Assert.Equal(["S256"], methods);
    }

    [Fact]
    public async Task OpenIdConfiguration_OmitsPlainPkce()
    {
        await using var fixture = await AuthFixture.StartAsync();

        var document = (await fixture.Client.GetFromJsonAsync<JsonObject>("/.well-known/openid-configuration"))!;

        var methods = document["code_challenge_methods_supported"]!.AsArray().Select(node => node!.GetValue<string>());
        Assert.DoesNotContain("plain", methods);
    }

    [Fact]
    public async Task Metadata_AdvertisesSmartSecurity()
    {
        await using var fixture = await AuthFixture.StartAsync();

        var statement = (await fixture.Client.GetFromJsonAsync<JsonObject>("/fhir/metadata"))!;

        var security = statement["rest"]![0]!["security"]!;
        Assert.Equal("SMART-on-FHIR", security["service"]![0]!["coding"]![0]!["code"]!.GetValue<string>());
        var uris = security["extension"]!.AsArray()
            .Single(node => node!["url"]!.GetValue<string>().EndsWith("/oauth-uris", StringComparison.Ordinal))!;
        var token = uris["extension"]!.AsArray().Single(node => node!["url"]!.GetValue<string>() == "token")!;
        var manage = uris["extension"]!.AsArray().Single(node => node!["url"]!.GetValue<string>() == "manage")!;
        Assert.Equal(fixture.TokenUrl, token["valueUri"]!.GetValue<string>());
        Assert.Equal(new Uri(fixture.Server.BaseAddress, "account/app-access").AbsoluteUri, manage["valueUri"]!.GetValue<string>());
    }

    [Fact]
    public async Task Jwks_PublishesSigningKey()
    {
        await using var fixture = await AuthFixture.StartAsync();

        var document = (await fixture.Client.GetFromJsonAsync<JsonObject>("/.well-known/jwks.json"))!;

        Assert.NotEmpty(document["keys"]!.AsArray());
    }

    [Fact]
    public async Task Jwks_PublishesNoSymmetricKey()
    {
        await using var fixture = await AuthFixture.StartAsync();

        var document = (await fixture.Client.GetFromJsonAsync<JsonObject>("/.well-known/jwks.json"))!;

        var keys = document["keys"]!.AsArray();
        Assert.All(keys, key => Assert.Equal("RSA", key!["kty"]!.GetValue<string>()));
        Assert.All(keys, key => Assert.Null(key!["k"]));
    }

    [Fact]
    public async Task SmartConfiguration_AllowsAnyOrigin()
    {
        await using var fixture = await AuthFixture.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/fhir/.well-known/smart-configuration");
        request.Headers.Add("Origin", "http://example.test");

        var response = await fixture.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task Token_ErrorForRegisteredOrigin_CarriesCors()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = "bad", ["client_id"] = "app" }),
        };
        request.Headers.Add("Origin", "http://127.0.0.1:9");

        var response = await fixture.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("http://127.0.0.1:9", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task Fhir_PreflightFromRegisteredOrigin_IsAllowed()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        using var request = new HttpRequestMessage(HttpMethod.Options, "/fhir/Patient");
        request.Headers.Add("Origin", "http://127.0.0.1:9");
        request.Headers.Add("Access-Control-Request-Method", "GET");
        request.Headers.Add("Access-Control-Request-Headers", "authorization");

        var response = await fixture.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("http://127.0.0.1:9", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task Fhir_ReadFromRegisteredOrigin_ExposesFhirHeaders()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/fhir/Patient");
        request.Headers.Add("Origin", "http://127.0.0.1:9");

        var response = await fixture.Client.SendAsync(request);

        var exposed = response.Headers.GetValues("Access-Control-Expose-Headers").Single().Split(',', StringSplitOptions.TrimEntries);
        Assert.Equal(
            ["Location", "ETag", "Content-Location", "Last-Modified", "WWW-Authenticate", "Retry-After", "X-Security-Context", "Content-Disposition"],
            exposed);
    }

    [Fact]
    public async Task Fhir_PreflightFromUnknownOrigin_GetsNoCors()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        using var request = new HttpRequestMessage(HttpMethod.Options, "/fhir/Patient");
        request.Headers.Add("Origin", "http://evil.test");
        request.Headers.Add("Access-Control-Request-Method", "GET");

        var response = await fixture.Client.SendAsync(request);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
