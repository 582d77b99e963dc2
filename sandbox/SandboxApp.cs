using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Mvc.Controllers;
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
    // The key of IApplicationBuilder.Properties that UseAuthorization() sets and WebApplication
    // reads before it adds the authorization middleware itself (ASP.NET Core 10).
    private const string AuthorizationMiddlewareSetKey = "__AuthorizationMiddlewareSet";

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
        builder.Services.AddMvcCore().ConfigureApplicationPartManager(RemoveControllerDiscovery);
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
        SkipAuthorizationMiddleware(app);
        return app;
    }

    /// <summary>
    /// Removes MVC's controller discovery. The modules serve Razor Pages and minimal API
    /// endpoints, no controllers, and the discovery loads every type of every application part
    /// when the first Razor Pages endpoint is mapped, on the host's thread during the start.
    /// </summary>
    private static void RemoveControllerDiscovery(ApplicationPartManager parts)
    {
        foreach (var provider in parts.FeatureProviders.OfType<ControllerFeatureProvider>().ToList())
            parts.FeatureProviders.Remove(provider);
    }

    /// <summary>
    /// Keeps WebApplication from adding the authorization middleware. No endpoint carries
    /// authorization metadata, because each module checks access in its own middleware and
    /// pages, so the middleware would pass every request on. Its constructor builds every
    /// endpoint on the host's thread while the host builds its pipeline, which held back
    /// Kestrel's binding by tens of milliseconds. Routing builds the endpoints for the first
    /// request anyway.
    /// </summary>
    private static void SkipAuthorizationMiddleware(WebApplication app) =>
        ((IApplicationBuilder)app).Properties[AuthorizationMiddlewareSetKey] = true;
}
