using Sandbox.Auth;
using Sandbox.EhrUi;
using Sandbox.FhirStore;
using Sandbox.Host.Hosts;
using Sandbox.Host.Proxy;
using Sandbox.SeedData;

namespace Sandbox.Host;

/// <summary>Composes the sandbox: one line per module.</summary>
public static class SandboxApp
{
    /// <summary>Builds the web application from command-line arguments and configuration.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        SmartAuthExtensions.BeginHandlerLoading();

        // The application name is fixed so that Razor Pages finds the modules' pages even when
        // a test runner, not this assembly, is the entry point. The content root is the build
        // folder, so appsettings.json is read whatever the current directory is.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(SandboxApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddCommandLine(args, CommandLine.SwitchMappings);
        configure?.Invoke(builder);

        builder.Services.AddProxyHeaders(builder.Configuration);
        builder.Services.AddHostNameCheck(builder.Configuration);
        builder.Services.AddFhirStore(builder.Configuration);
        builder.Services.AddSandboxDataProtection();
        builder.Services.AddSmartAuth(builder.Configuration);
        builder.Services.AddSeedData(builder.Configuration);
        builder.Services.AddEhrUi(builder.Configuration);
        builder.Services.AddHostedService<StartupBanner>();
        builder.Services.AddSingleton<StartupWarmUp>();
        builder.Services.AddHostedService(services => services.GetRequiredService<StartupWarmUp>());
        builder.Services.AddHostedService<StartupMemoryTrim>();

        var app = builder.Build();
        app.Services.GetRequiredService<StartupWarmUp>().BeginComputation();
        app.UseOriginVaryHeader();
        app.UseFhirSecurityHeaders();
        app.UseStartupGate();
        app.UseProxyHeaders();
        app.UseHostNameCheck();
        app.UseEhrStatusPages();
        app.UseRouting();
        app.MapSmartAuth();
        app.MapFhirStore();
        app.MapSampleApp();
        app.MapSeedAdmin();
        app.MapEhrUi();
        return app;
    }
}
