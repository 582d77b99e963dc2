using Sandbox.EhrUi.Tests.Hosting;

namespace Sandbox.EhrUi.Tests.Pages;

/// <summary>The list of registered apps over HTTP, with the seed's apps.</summary>
public sealed class AppListPageTests : IAsyncLifetime
{
    private SignedInEhr _ehr = null!;

    public async Task InitializeAsync() => _ehr = await SignedInEhr.StartAsync("default");

    public async Task DisposeAsync() => await _ehr.DisposeAsync();

    [Fact]
    public async Task List_LaunchableApp_LinksLaunchOptions()
    {
        var page = await _ehr.Client.GetStringAsync("apps");

        Assert.Contains("href=\"/apps/sandbox-sample-app/launch-options\"", page);
    }

    [Fact]
    public async Task List_BackendService_OffersNoLaunchOptions()
    {
        var page = await _ehr.Client.GetStringAsync("apps");

        Assert.Contains("<code>sandbox-backend-service</code>", page);
        Assert.DoesNotContain("href=\"/apps/sandbox-backend-service/launch-options\"", page);
        Assert.Contains("Gets tokens with client_credentials, not launched", page);
    }
}
