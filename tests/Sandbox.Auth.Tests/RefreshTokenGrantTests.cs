using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sandbox.Auth.Tests;

/// <summary>
/// Apps that may not use refresh tokens: registered at <c>/auth/register</c> without the
/// <c>refresh_token</c> grant, or with <c>refreshTokens</c> false through <c>/api/apps</c>.
/// </summary>
public sealed class RefreshTokenGrantTests
{
    private const string Scope = "launch offline_access patient/*.rs";

    private static object Launch(string clientId) => new
    {
        clientId,
        user = AuthFixture.PractitionerUser,
        patient = AuthFixture.PatientId,
        skipLogin = true,
        skipConsent = true,
    };

    private static async Task<JsonObject> RegisterClientAsync(AuthFixture fixture, JsonObject metadata)
    {
        metadata["client_name"] = "Self registered";
        metadata["redirect_uris"] = new JsonArray(AuthFixture.RedirectUri);
        var response = await fixture.Client.PostAsJsonAsync("/auth/register", metadata);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await AuthFixture.ReadJsonAsync(response);
    }

    private static async Task<JsonObject> LaunchRegisteredClientAsync(AuthFixture fixture, JsonObject metadata, string scope)
    {
        var clientId = (await RegisterClientAsync(fixture, metadata))["client_id"]!.GetValue<string>();
        return await fixture.LaunchAndRedeemAsync(clientId, scope, Launch(clientId));
    }

    private static async Task SetRefreshTokensAsync(AuthFixture fixture, JsonObject app, bool refreshTokens)
    {
        app["refreshTokens"] = refreshTokens;
        var response = await fixture.Client.PutAsJsonAsync($"/api/apps/{app["clientId"]!.GetValue<string>()}", app);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<JsonObject> RedeemConfidentialAsync(AuthFixture fixture, string secret)
    {
        var pkce = Pkce.Create();
        var launch = await fixture.CreateLaunchAsync(Launch("app"));
        var redirect = await fixture.FollowToAppAsync(fixture.AuthorizeUrl("app", Scope, pkce, launch));
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = AuthFixture.Query(redirect)["code"],
            ["redirect_uri"] = AuthFixture.RedirectUri,
            ["code_verifier"] = pkce.Verifier,
        };
        var response = await fixture.PostTokenAsync(form, "app", secret);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await AuthFixture.ReadJsonAsync(response);
    }

    private static async Task<bool> IsActiveAsync(AuthFixture fixture, string token, string secret)
    {
        var form = new Dictionary<string, string> { ["token"] = token, ["client_id"] = "app", ["client_secret"] = secret };
        var response = await fixture.Client.PostAsync("/auth/introspect", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await AuthFixture.ReadJsonAsync(response))["active"]!.GetValue<bool>();
    }

    private static Task<HttpResponseMessage> RefreshAsync(AuthFixture fixture, string clientId, string refreshToken) =>
        fixture.PostTokenAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken, ["client_id"] = clientId });

    [Fact]
    public async Task Register_WithoutRefreshGrant_IssuesNoRefreshToken()
    {
        await using var fixture = await AuthFixture.StartAsync();

        var token = await LaunchRegisteredClientAsync(
            fixture,
            new JsonObject { ["grant_types"] = new JsonArray("authorization_code") },
            Scope);

        Assert.False(token.ContainsKey("refresh_token"));
        Assert.Equal("launch patient/*.rs", token["scope"]!.GetValue<string>());
    }

    [Fact]
    public async Task Register_OmittedGrantTypes_IssuesNoRefreshToken()
    {
        await using var fixture = await AuthFixture.StartAsync();

        var token = await LaunchRegisteredClientAsync(fixture, [], "launch online_access patient/*.rs");

        Assert.False(token.ContainsKey("refresh_token"));
        Assert.Equal("launch patient/*.rs", token["scope"]!.GetValue<string>());
    }

    [Fact]
    public async Task Register_WithRefreshGrant_IssuesRefreshToken()
    {
        await using var fixture = await AuthFixture.StartAsync();

        var token = await LaunchRegisteredClientAsync(
            fixture,
            new JsonObject { ["grant_types"] = new JsonArray("authorization_code", "refresh_token") },
            Scope);

        Assert.NotNull(token["refresh_token"]);
        Assert.Equal(Scope, token["scope"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(null, "authorization_code")]
    [InlineData("authorization_code", "authorization_code")]
    [InlineData("authorization_code refresh_token", "authorization_code refresh_token")]
    public async Task Register_Response_StatesStoredGrantTypes(string? requested, string stored)
    {
        await using var fixture = await AuthFixture.StartAsync();
        var metadata = new JsonObject();
        if (requested is not null)
            metadata["grant_types"] = new JsonArray([.. requested.Split(' ').Select(type => JsonValue.Create(type))]);

        var body = await RegisterClientAsync(fixture, metadata);

        var grantTypes = body["grant_types"]!.AsArray().Select(type => type!.GetValue<string>());
        Assert.Equal(stored, string.Join(' ', grantTypes));
    }

    [Fact]
    public async Task Register_WithoutRefreshGrant_StoresRefreshTokensFalse()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var clientId = (await RegisterClientAsync(fixture, []))["client_id"]!.GetValue<string>();

        var app = await fixture.Client.GetFromJsonAsync<JsonObject>($"/api/apps/{clientId}");

        Assert.False(app!["refreshTokens"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Refresh_AppWithoutRefreshTokens_ReturnsUnauthorizedClient()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var app = await fixture.RegisterPublicAppAsync("app");
        var token = await fixture.LaunchAndRedeemAsync("app", Scope, Launch("app"));
        app["refreshTokens"] = false;
        var replaced = await fixture.Client.PutAsJsonAsync("/api/apps/app", app);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);

        var response = await RefreshAsync(fixture, "app", token["refresh_token"]!.GetValue<string>());

        var body = await AuthFixture.ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("unauthorized_client", body["error"]!.GetValue<string>());
        Assert.Contains("registered without the refresh_token grant", body["error_description"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refresh_RevokedTokenAfterChange_ReturnsUnauthorizedClient()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var app = await fixture.RegisterPublicAppAsync("app");
        var token = await fixture.LaunchAndRedeemAsync("app", Scope, Launch("app"));
        await SetRefreshTokensAsync(fixture, app, false);

        var response = await RefreshAsync(fixture, "app", token["refresh_token"]!.GetValue<string>());

        var body = await AuthFixture.ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("unauthorized_client", body["error"]!.GetValue<string>());
        Assert.Contains("set refreshTokens to true (PUT /api/apps/app), then authorize again", body["error_description"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refresh_ReenabledApp_RejectsEarlierToken()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var app = await fixture.RegisterPublicAppAsync("app");
        var token = await fixture.LaunchAndRedeemAsync("app", Scope, Launch("app"));
        await SetRefreshTokensAsync(fixture, app, false);
        await SetRefreshTokensAsync(fixture, app, true);

        var response = await RefreshAsync(fixture, "app", token["refresh_token"]!.GetValue<string>());

        var body = await AuthFixture.ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_grant", body["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refresh_ReenabledApp_NewTokenWorks()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var app = await fixture.RegisterPublicAppAsync("app");
        await fixture.LaunchAndRedeemAsync("app", Scope, Launch("app"));
        await SetRefreshTokensAsync(fixture, app, false);
        await SetRefreshTokensAsync(fixture, app, true);
        var token = await fixture.LaunchAndRedeemAsync("app", Scope, Launch("app"));

        var response = await RefreshAsync(fixture, "app", token["refresh_token"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Introspect_AfterChange_RefreshTokenInactive()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var app = await fixture.RegisterAppAsync(new
        {
            clientId = "app",
            name = "Confidential",
            kind = "ConfidentialSymmetric",
            redirectUris = new[] { AuthFixture.RedirectUri },
        });
        var secret = app["clientSecret"]!.GetValue<string>();
        var refreshToken = (await RedeemConfidentialAsync(fixture, secret))["refresh_token"]!.GetValue<string>();
        Assert.True(await IsActiveAsync(fixture, refreshToken, secret));

        await SetRefreshTokensAsync(fixture, app, false);

        Assert.False(await IsActiveAsync(fixture, refreshToken, secret));
    }

    [Fact]
    public async Task Change_OtherSetting_KeepsRefreshTokens()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var app = await fixture.RegisterPublicAppAsync("app");
        var token = await fixture.LaunchAndRedeemAsync("app", Scope, Launch("app"));
        app["name"] = "Renamed";
        var replaced = await fixture.Client.PutAsJsonAsync("/api/apps/app", app);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);

        var response = await RefreshAsync(fixture, "app", token["refresh_token"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Code_IssuedBeforeChange_RedeemsWithoutRefresh()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var app = await fixture.RegisterPublicAppAsync("app");
        var pkce = Pkce.Create();
        var launch = await fixture.CreateLaunchAsync(Launch("app"));
        var redirect = await fixture.FollowToAppAsync(fixture.AuthorizeUrl("app", Scope, pkce, launch));
        app["refreshTokens"] = false;
        var replaced = await fixture.Client.PutAsJsonAsync("/api/apps/app", app);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);

        var response = await fixture.RedeemCodeAsync("app", AuthFixture.Query(redirect)["code"], pkce);

        var token = await AuthFixture.ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(token.ContainsKey("refresh_token"));
        Assert.Equal("launch patient/*.rs", token["scope"]!.GetValue<string>());
    }

    [Fact]
    public async Task Authorize_RejectPolicy_ReturnsInvalidScope()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterAppAsync(new
        {
            clientId = "app",
            name = "No refresh tokens",
            kind = "Public",
            redirectUris = new[] { AuthFixture.RedirectUri },
            scopePolicy = "Reject",
            refreshTokens = false,
        });
        var launch = await fixture.CreateLaunchAsync(Launch("app"));

        var redirect = await fixture.FollowToAppAsync(fixture.AuthorizeUrl("app", Scope, Pkce.Create(), launch));

        var query = AuthFixture.Query(redirect);
        Assert.Equal("invalid_scope", query["error"]);
        Assert.Contains("'offline_access' requests a refresh token", query["error_description"]);
    }

    [Fact]
    public async Task AdminApi_RefreshTokens_RoundTrips()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterAppAsync(new { clientId = "without", name = "Without", redirectUris = new[] { AuthFixture.RedirectUri }, refreshTokens = false });
        await fixture.RegisterAppAsync(new { clientId = "default", name = "Default", redirectUris = new[] { AuthFixture.RedirectUri } });

        var without = await fixture.Client.GetFromJsonAsync<JsonObject>("/api/apps/without");
        var withDefault = await fixture.Client.GetFromJsonAsync<JsonObject>("/api/apps/default");

        Assert.False(without!["refreshTokens"]!.GetValue<bool>());
        Assert.True(withDefault!["refreshTokens"]!.GetValue<bool>());
    }

    // Apps stored before refreshTokens existed have settings without it and the refresh_token
    // grant permission, and keep getting refresh tokens.
    [Fact]
    public async Task StoredAppWithoutField_IssuesRefreshToken()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await CreateAppWithOldSettingsAsync(fixture, "old-app");

        var token = await fixture.LaunchAndRedeemAsync("old-app", Scope, Launch("old-app"));

        Assert.NotNull(token["refresh_token"]);
        Assert.Equal(Scope, token["scope"]!.GetValue<string>());
    }

    private static async Task CreateAppWithOldSettingsAsync(AuthFixture fixture, string clientId)
    {
        var settings = new JsonObject
        {
            ["clientId"] = clientId,
            ["name"] = "Stored by an earlier version",
            ["kind"] = "public",
            ["redirectUris"] = new JsonArray(AuthFixture.RedirectUri),
            ["scopes"] = new JsonArray(),
            ["scopePolicy"] = "drop",
            ["showConsent"] = false,
            ["isLoose"] = false,
        };
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientType = ClientTypes.Public,
            DisplayName = "Stored by an earlier version",
        };
        descriptor.RedirectUris.Add(new Uri(AuthFixture.RedirectUri));
        descriptor.Permissions.UnionWith(
        [
            Permissions.Endpoints.Authorization,
            Permissions.Endpoints.Token,
            Permissions.Endpoints.Revocation,
            Permissions.GrantTypes.AuthorizationCode,
            Permissions.GrantTypes.RefreshToken,
            Permissions.ResponseTypes.Code,
        ]);
        descriptor.Properties["sandbox_app"] = JsonSerializer.SerializeToElement(settings);

        await using var scope = fixture.Server.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        await manager.CreateAsync(descriptor);
    }
}
