using System.Reflection;
using Sandbox.SeedData.Apps;

namespace Sandbox.SeedData.Tests;

public sealed class SeedAppTests
{
    [Fact]
    public void Apps_CoverEveryClientKind()
    {
        var kinds = SeedApps.All.Select(app => app.Kind).ToHashSet();

        Assert.Equal(Enum.GetValues<SeedAppKind>().ToHashSet(), kinds);
    }

    [Fact]
    public void Apps_ClientIds_AreUnique()
    {
        var ids = SeedApps.All.Select(app => app.ClientId).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void SampleApp_IsPublicWithOwnRedirect()
    {
        var app = SeedApps.SampleApp;

        Assert.Equal("none", app.TokenEndpointAuthMethod);
        Assert.Equal([SeedApps.SampleAppPath], app.RedirectUris);
        Assert.Equal(SeedApps.SampleAppPath, app.LaunchUri);
    }

    [Fact]
    public void BackendService_UsesClientCredentialsOnly()
    {
        var app = SeedApps.BackendService;

        Assert.Equal(["client_credentials"], app.GrantTypes);
        Assert.Equal("private_key_jwt", app.TokenEndpointAuthMethod);
        Assert.Empty(app.RedirectUris);
        Assert.All(app.Scopes.Split(' '), scope => Assert.StartsWith("system/", scope));
    }

    [Fact]
    public void SampleAppScript_UsesRegisteredClientId()
    {
        using var stream = typeof(SeedApps).Assembly.GetManifestResourceStream("SampleApp/app.js");
        Assert.NotNull(stream);
        using var reader = new StreamReader(stream);

        var script = reader.ReadToEnd();

        Assert.Contains($"const CLIENT_ID = \"{SeedApps.SampleApp.ClientId}\";", script);
    }
}
