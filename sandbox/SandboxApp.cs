using Sandbox.Auth;
using Sandbox.EhrUi;
using Sandbox.FhirStore;
using Sandbox.SeedData;

namespace Sandbox.Host;

/// <summary>Composes the sandbox: one line per module.</summary>
public static class SandboxApp
{
    /// <summary>Builds the web application from command-line arguments and configuration.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddCommandLine(args, CommandLine.SwitchMappings);
        configure?.Invoke(builder);

        builder.Services.AddFhirStore(builder.Configuration);
        builder.Services.AddSmartAuth(builder.Configuration);
        builder.Services.AddSeedData(builder.Configuration);
        builder.Services.AddEhrUi(builder.Configuration);
        builder.Services.AddHostedService<StartupBanner>();

        var app = builder.Build();
        app.MapSmartAuth();
        app.MapFhirStore();
        app.MapEhrUi();
        return app;
    }
}
