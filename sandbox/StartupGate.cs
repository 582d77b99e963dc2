namespace Sandbox.Host;

/// <summary>
/// Delays every request that arrives before the host reports itself started. Kestrel can then
/// listen while the seed still loads, and no client sees a store or an app registry that is not
/// ready yet.
/// </summary>
internal static class StartupGate
{
    /// <summary>
    /// Adds the gate. Call it before every middleware that reads the store or the app registry.
    /// Only the <c>Vary: Origin</c> and FHIR security header middleware, which read neither,
    /// come before it, so the gate's 503 carries their headers as other responses do. A delayed request continues once
    /// <see cref="IHostApplicationLifetime.ApplicationStarted"/> fires, and gets 503 Service
    /// Unavailable when the host stops before it has started. The rest of the pipeline, behind
    /// the gate, goes to <see cref="StartupWarmUp"/> as soon as the host has built it.
    /// </summary>
    public static WebApplication UseStartupGate(this WebApplication app)
    {
        var lifetime = app.Lifetime;
        var warmUp = app.Services.GetRequiredService<StartupWarmUp>();
        var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => opened.TrySetResult());
        lifetime.ApplicationStopping.Register(() => opened.TrySetResult());

        app.Use(next =>
        {
            warmUp.UsePipeline(next);
            return async context =>
            {
                if (!opened.Task.IsCompleted)
                    await opened.Task.WaitAsync(context.RequestAborted);

                if (!lifetime.ApplicationStarted.IsCancellationRequested)
                {
                    context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                    return;
                }

                await next(context);
            };
        });
        return app;
    }
}
