using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;

namespace Sandbox.Auth.Tests;

/// <summary>
/// The <c>refreshTokens</c> member of a backend-service app in <c>/api/apps</c>, which
/// <c>client_credentials</c> makes meaningless.
/// </summary>
public sealed class BackendRefreshTokensTests
{
    [Fact]
    public async Task Register_BackendRefreshTokensTrue_Returns400()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var body = BackendApp("backend");
        body["refreshTokens"] = true;

        using var response = await fixture.Client.PostAsJsonAsync("/api/apps", body);
        var problem = await AuthFixture.ReadJsonAsync(response);
        using var lookup = await fixture.Client.GetAsync("/api/apps/backend");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("refreshTokens", problem["detail"]!.GetValue<string>());
        Assert.Contains("BackendService", problem["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
    }

    [Fact]
    public async Task Register_BackendWithoutMember_StoresFalse()
    {
        await using var fixture = await AuthFixture.StartAsync();

        using var response = await fixture.Client.PostAsJsonAsync("/api/apps", BackendApp("backend"));
        var created = await AuthFixture.ReadJsonAsync(response);
        var stored = await fixture.Client.GetFromJsonAsync<JsonObject>("/api/apps/backend");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.False(created["refreshTokens"]!.GetValue<bool>());
        Assert.False(stored!["refreshTokens"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Register_BackendRefreshTokensFalse_IsAccepted()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var body = BackendApp("backend");
        body["refreshTokens"] = false;

        using var response = await fixture.Client.PostAsJsonAsync("/api/apps", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Replace_BackendRefreshTokensTrue_KeepsStoredApp()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var body = BackendApp("backend");
        await fixture.RegisterAppAsync(body);
        body["name"] = "Renamed";
        body["refreshTokens"] = true;

        using var response = await fixture.Client.PutAsJsonAsync("/api/apps/backend", body);
        var problem = await AuthFixture.ReadJsonAsync(response);
        var stored = await fixture.Client.GetFromJsonAsync<JsonObject>("/api/apps/backend");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("refreshTokens", problem["detail"]!.GetValue<string>());
        Assert.Equal("Backend", stored!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Launching_AppWithoutMember_KeepsTrue()
    {
        await using var fixture = await AuthFixture.StartAsync();

        var created = await fixture.RegisterPublicAppAsync("app");

        Assert.True(created["refreshTokens"]!.GetValue<bool>());
    }

    // Backend apps registered before true was rejected for them were stored with the default,
    // true. They have to load, and their GET body has to be accepted by PUT.
    [Fact]
    public async Task StoredBackendWithTrue_LoadsAsFalse()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterAppAsync(BackendApp("backend"));
        await StoreRefreshTokensTrueAsync(fixture, "backend");

        var listed = await fixture.Client.GetFromJsonAsync<JsonArray>("/api/apps");
        var app = listed!.Single(item => item!["clientId"]!.GetValue<string>() == "backend")!.AsObject();
        using var replaced = await fixture.Client.PutAsJsonAsync("/api/apps/backend", app);

        Assert.False(app["refreshTokens"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
    }

    private static JsonObject BackendApp(string clientId)
    {
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "rsa-1" };
        return JsonSerializer.SerializeToNode(BackendClient.App(clientId, key))!.AsObject();
    }

    // Rewrites the stored settings as an earlier version wrote them. Listing the apps reads the
    // database again, so the registry's cache does not hide the change.
    private static async Task StoreRefreshTokensTrueAsync(AuthFixture fixture, string clientId)
    {
        await using var scope = fixture.Server.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var entity = (await manager.FindByClientIdAsync(clientId))!;
        var descriptor = new OpenIddictApplicationDescriptor();
        await manager.PopulateAsync(descriptor, entity);
        var settings = JsonSerializer.SerializeToNode(descriptor.Properties["sandbox_app"])!.AsObject();
        settings["refreshTokens"] = true;
        descriptor.Properties["sandbox_app"] = JsonSerializer.SerializeToElement(settings);

        await manager.UpdateAsync(entity, descriptor);
    }
}
