using Sandbox.Benchmarks;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, eventArgs) =>
{
    // Stop the measurements and let every spawned server be stopped on the way out.
    eventArgs.Cancel = true;
    cancellation.Cancel();
};

try
{
    return await BenchmarkRunner.RunAsync(args, Console.Out, cancellation.Token);
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    Console.Error.WriteLine("Cancelled: the servers that were running have been stopped.");
    return 130;
}
