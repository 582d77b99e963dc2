using System.Diagnostics;
using System.Net;

namespace Sandbox.Benchmarks.Load;

/// <summary>
/// Sends requests from concurrent workers to one loopback server: a warm-up that is not counted,
/// then a measured phase bounded both in time and in request count. Each worker keeps one request
/// in flight and sends the next as soon as the previous response body has been read.
/// </summary>
internal sealed class LoadGenerator : IDisposable
{
    // A run whose first requests all fail stops after this many failures instead of spinning.
    private const int FailuresBeforeGivingUp = 100;

    private readonly HttpClient _client;

    /// <exception cref="ArgumentException"><paramref name="baseAddress"/> is not a loopback address.</exception>
    public LoadGenerator(Uri baseAddress, int maxConnections)
    {
        if (!baseAddress.IsLoopback)
            throw new ArgumentException($"The load generator sends traffic only to loopback addresses, not to {baseAddress}.", nameof(baseAddress));

        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            MaxConnectionsPerServer = maxConnections,
            AutomaticDecompression = DecompressionMethods.None,
            AllowAutoRedirect = false,
            UseCookies = false,
        };
        _client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Runs the load and returns what the measured phase saw.</summary>
    /// <param name="createRequest">Creates each request; the Random is the calling worker's own.</param>
    /// <param name="expectedStatus">The status that counts as success.</param>
    /// <param name="settings">Workers, warm-up, measured duration and request bound.</param>
    /// <param name="cancellationToken">Stops the workers.</param>
    public async Task<LoadResult> RunAsync(
        Func<Random, HttpRequestMessage> createRequest,
        HttpStatusCode expectedStatus,
        LoadSettings settings,
        CancellationToken cancellationToken)
    {
        return await RunOperationsAsync(
            (_, random, token) => SendAsync(createRequest(random), expectedStatus, token),
            settings,
            cancellationToken);
    }

    /// <summary>
    /// Runs the load with an operation of several requests, such as a complete SMART handshake,
    /// and returns what the measured phase saw. Each operation counts as one request.
    /// </summary>
    /// <param name="operation">Runs one operation on the shared client and returns null on success, else what went wrong.</param>
    /// <param name="settings">Workers, warm-up, measured duration and operation bound.</param>
    /// <param name="cancellationToken">Stops the workers.</param>
    public async Task<LoadResult> RunOperationsAsync(
        Func<HttpClient, Random, CancellationToken, Task<string?>> operation,
        LoadSettings settings,
        CancellationToken cancellationToken)
    {
        var run = new LoadRun(settings, Stopwatch.StartNew());
        var workers = Enumerable.Range(0, settings.Concurrency)
            .Select(worker => RunWorkerAsync(run, new Random(worker), random => operation(_client, random, cancellationToken)))
            .ToArray();
        var samples = await Task.WhenAll(workers);

        var latencies = new LatencySamples();
        foreach (var workerSamples in samples)
            latencies.AddRange(workerSamples);

        // A run that gave up during the warm-up measured nothing; the floor avoids a negative time.
        var elapsed = TimeSpan.FromTicks(Math.Max(1, (run.Clock.Elapsed - settings.Warmup).Ticks));
        return new LoadResult(run.Succeeded, run.Failed, elapsed, latencies, run.FirstFailure);
    }

    public void Dispose() => _client.Dispose();

    private static async Task<LatencySamples> RunWorkerAsync(LoadRun run, Random random, Func<Random, Task<string?>> operation)
    {
        var samples = new LatencySamples();
        while (true)
        {
            var startedAt = run.Clock.Elapsed;
            if (run.IsOver(startedAt) || run.HasFailedThrough(FailuresBeforeGivingUp))
                return samples;

            var failure = await operation(random);
            var latency = run.Clock.Elapsed - startedAt;
            if (!run.IsMeasured(startedAt))
            {
                run.RecordWarmup(failure);
                continue;
            }

            if (!run.TryCountMeasured(failure))
                return samples;

            if (failure is null)
                samples.Add(latency.TotalMilliseconds);
        }
    }

    /// <summary>Sends the request and reads the whole response; returns null on success, else what went wrong.</summary>
    private async Task<string?> SendAsync(HttpRequestMessage request, HttpStatusCode expectedStatus, CancellationToken cancellationToken)
    {
        using (request)
        {
            try
            {
                using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                await response.Content.CopyToAsync(Stream.Null, cancellationToken);
                return response.StatusCode == expectedStatus
                    ? null
                    : $"{request.Method} {request.RequestUri} returned {(int)response.StatusCode} {response.StatusCode}, not {(int)expectedStatus}";
            }
            catch (Exception exception) when (exception is HttpRequestException
                || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                return $"{request.Method} {request.RequestUri} failed: {exception.Message}";
            }
        }
    }
}
