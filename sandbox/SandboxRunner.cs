using Microsoft.Extensions.Options;
using Sandbox.FhirStore.Hosting;

namespace Sandbox.Host;

/// <summary>
/// Runs the web host. A start-up failure (invalid option, missing seed folder, unusable
/// data folder, port in use) becomes one line on standard error and an exit code, not a
/// stack trace: 2 for invalid arguments or configuration, 1 for anything else.
/// </summary>
internal static class SandboxRunner
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (CommandLine.FindUnknownOption(args) is { } unknown)
            return await FailAsync($"Unknown option '{unknown}'. Run 'sandbox --help' for the options.", 2);

        if (CommandLine.FindUnexpectedArgument(args) is { } unexpected)
            return await FailAsync($"Unknown argument '{unexpected}'. Run 'sandbox --help' for the options.", 2);

        if (CommandLine.FindOptionWithoutValue(args) is { } withoutValue)
            return await FailAsync($"The option '{withoutValue}' has no value. Run 'sandbox --help' for the options.", 2);

        WebApplication app;
        try
        {
            // The host would also log a start-up failure with its stack trace, so only this runner reports it, as one line.
            app = SandboxApp.Build(
                args,
                builder => builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return await FailAsync(exception);
        }

        await using (app)
        {
            try
            {
                await app.StartAsync();
            }
            catch (OperationCanceledException) when (app.Lifetime.ApplicationStopping.IsCancellationRequested)
            {
                // Ctrl+C or SIGTERM during the start cancels it, as the user asked: no failure.
                await app.StopAsync();
                await Console.Error.WriteLineAsync("The sandbox stopped before it finished starting.");
                return 0;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A host disposed without a stop logs the cancellation of its background
                // services as a critical failure with a stack trace. Stopping first lets
                // the services that did start end normally.
                await StopAfterFailedStartAsync(app);
                return await FailAsync(exception);
            }

            await app.WaitForShutdownAsync();
            return 0;
        }
    }

    private static async Task StopAfterFailedStartAsync(WebApplication app)
    {
        try
        {
            await app.StopAsync();
        }
        catch (ArgumentNullException)
        {
            // .NET 10's Host.StopAsync throws this when StartAsync failed while it was still
            // creating the hosted services (a service's constructor threw), because the list
            // of services to stop was never set. No service runs yet, so there is nothing to stop.
        }
    }

    private static Task<int> FailAsync(Exception exception)
    {
        if (ConfigurationValueError.Describe(exception) is { } invalidValue)
            return FailAsync(invalidValue, 2);

        var exitCode = exception is FormatException or OptionsValidationException or DataFolderInUseException ? 2 : 1;
        return FailAsync(exception.Message, exitCode);
    }

    private static async Task<int> FailAsync(string message, int exitCode)
    {
        await Console.Error.WriteLineAsync($"The sandbox could not start: {message}");
        return exitCode;
    }
}
