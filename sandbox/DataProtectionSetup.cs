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
        services
            .AddOptions<KeyManagementOptions>()
            .Configure<DataFolder, ILoggerFactory>((options, folder, loggerFactory) =>
                options.XmlRepository = new FileSystemXmlRepository(
                    new DirectoryInfo(folder.GetFilePath(KeyFolderName)),
                    loggerFactory));
        return services;
    }
}
