using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Sandbox.FhirStore.Hosting;

namespace Sandbox.Host;

/// <summary>
/// Keeps the ASP.NET Core Data Protection keys (cookies, antiforgery tokens) in the data
/// folder, so each sandbox has its own key ring and sign-ins survive a restart.
/// </summary>
internal static class DataProtectionSetup
{
    private const string KeyFolderName = "data-protection-keys";

    /// <summary>Registers Data Protection with its key ring in the data folder.</summary>
    public static IServiceCollection AddSandboxDataProtection(this IServiceCollection services)
    {
        // Without this, every sandbox of a user shares one key ring in the home folder, and
        // sandboxes started side by side (as test classes do) rotate keys under each other.
        services.AddDataProtection().SetApplicationName("smart-sandbox");
        RemoveKeyRingLoadAtStart(services);
        services
            .AddOptions<KeyManagementOptions>()
            .Configure<DataFolder, ILoggerFactory>((options, folder, loggerFactory) =>
                options.XmlRepository = new FileSystemXmlRepository(
                    new DirectoryInfo(folder.GetFilePath(KeyFolderName)),
                    loggerFactory));
        return services;
    }

    /// <summary>
    /// Removes the hosted service that Data Protection registers to load the key ring, which
    /// a new data folder's first key makes take about 50 ms, while every other hosted service
    /// waits for it. <see cref="StartupWarmUp"/> loads the key ring on the thread pool instead.
    /// </summary>
    /// <remarks>The service's type is internal to ASP.NET Core, so it is found by its name.</remarks>
    private static void RemoveKeyRingLoadAtStart(IServiceCollection services)
    {
        var loader = services.FirstOrDefault(descriptor =>
            descriptor.ServiceType == typeof(IHostedService)
            && descriptor.ImplementationType?.Name == "DataProtectionHostedService");
        if (loader is not null)
            services.Remove(loader);
    }
}
