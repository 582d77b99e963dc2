using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

namespace Sandbox.EndToEnd.Tests.Smart;

/// <summary>
/// Serves the third-party test app and the fhirclient.js bundle from the test assets on its own
/// loopback port, so the app runs on another origin than the sandbox, as a real app does.
/// </summary>
public sealed class AppOriginServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AppOriginServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>The app's origin with a trailing slash, such as <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseAddress { get; }

    public static async Task<AppOriginServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();

        var assets = Path.Combine(AppContext.BaseDirectory, "Assets");
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(Path.Combine(assets, "smart-app")) });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Path.Combine(assets, "fhirclient")),
            RequestPath = "/fhirclient",
        });
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new AppOriginServer(app, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>The absolute URL of a page of the test app.</summary>
    public string Url(string relative) => new Uri(BaseAddress, relative).AbsoluteUri;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
