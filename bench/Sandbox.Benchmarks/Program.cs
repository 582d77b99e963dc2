using Sandbox.Benchmarks;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, eventArgs) =>
{
    // Stop the measurements and let every spawned server be killed on the way out.
    eventArgs.Cancel = true;
    cancellation.Cancel();
};

return await BenchmarkRunner.RunAsync(args, Console.Out, cancellation.Token);
