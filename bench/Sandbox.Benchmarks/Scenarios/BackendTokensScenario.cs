using Sandbox.Benchmarks.BackendTokens;
using Sandbox.Benchmarks.Load;
using Sandbox.Benchmarks.Processes;
using Sandbox.Benchmarks.Reporting;

namespace Sandbox.Benchmarks.Scenarios;

/// <summary>
/// SMART Backend Services tokens 8-way: <c>client_credentials</c> with a fresh RS384
/// <c>private_key_jwt</c> assertion per request, on a minimal oidc-provider server and on the
/// sandbox, with the server's CPU time per token.
/// </summary>
internal sealed class BackendTokensScenario : IScenario
{
    private const int Parallel = 8;

    private const string ProbeTokenPath = "token";

    private const string SandboxTokenPath = "auth/token";

    public string Name => "backend-tokens";

    public string Definition => "client_credentials tokens with a private_key_jwt assertion each, 8-way";

    public async Task<ScenarioReport> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        using var client = new BackendClient();
        var probe = await MeasureAsync(() => StartProbeAsync(context, client, cancellationToken), ProbeTokenPath, client, context.Settings, cancellationToken);
        var sandbox = await context.MeasureSandboxAsync(
            token => MeasureAsync(() => StartRegisteredSandboxAsync(context, client, token), SandboxTokenPath, client, context.Settings, token),
            cancellationToken);

        Comparison[] comparisons =
        [
            new($"{Parallel}-way rate", "tokens/s", Reading.Of(probe.Load.RequestsPerSecond), sandbox.ToReading(result => result.Load.RequestsPerSecond), Target.AtLeast(1.0)),
            new($"{Parallel}-way p50", "ms", Reading.Of(probe.Load.Latencies.Percentile(50)), sandbox.ToReading(result => result.Load.Latencies.Percentile(50)), null),
            new($"{Parallel}-way p95", "ms", Reading.Of(probe.Load.Latencies.Percentile(95)), sandbox.ToReading(result => result.Load.Latencies.Percentile(95)), null),
            new("server CPU per token", "ms", Reading.Of(probe.CpuMilliseconds), sandbox.ToReading(result => result.CpuMilliseconds), null),
        ];
        string?[] notes =
        [
            "each request: grant_type=client_credentials, scope system/*.rs, a client assertion signed RS384 with a 2,048-bit key "
                + "(typ JWT, iss = sub = client id, aud = the token URL, a unique jti, exp 270 s ahead) and no client_id; "
                + "both servers reject a reused jti and answer with an HS256-signed JWT access token",
            $"the assertions are signed on every core before each server's timed phase, at most {context.Settings.MaxBackendWarmupTokens:N0} "
                + $"for the warm-up and {context.Settings.MaxBackendTokens:N0} for the measured phase, which ends when they run out",
            "probe: oidc-provider (npm) on Node.js with an in-memory adapter that keeps every jti until it expires; sandbox: --seed empty, the client registered through /api/apps",
            "server CPU is user plus system time from /proc/<pid>/stat over the measured phase (10 ms ticks), divided by its tokens",
            LoadChecks.DescribeFailures(probe.Load, "oidc-provider probe"),
            LoadChecks.DescribeFailures(sandbox.Value?.Load, "sandbox"),
        ];
        return new ScenarioReport(Name, Definition, comparisons, [.. notes.OfType<string>()]);
    }

    private static Task<ServerProcess> StartProbeAsync(BenchmarkContext context, BackendClient client, CancellationToken cancellationToken)
    {
        var clientFile = Path.Combine(context.NewFolder("oidc-provider-probe"), "client.json");
        BackendRegistration.WriteProbeClientFile(clientFile, client.PublicKeySet());
        return context.StartOidcProviderProbeAsync(clientFile, cancellationToken);
    }

    private static async Task<ServerProcess> StartRegisteredSandboxAsync(BenchmarkContext context, BackendClient client, CancellationToken cancellationToken)
    {
        var sandbox = await context.StartSandboxAsync("empty", cancellationToken);
        try
        {
            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = sandbox.BaseAddress };
            await BackendRegistration.RegisterWithSandboxAsync(http, client.PublicKeySet(), cancellationToken);
            return sandbox;
        }
        catch
        {
            await sandbox.DisposeAsync();
            throw;
        }
    }

    private static async Task<BackendTokensResult> MeasureAsync(
        Func<Task<ServerProcess>> start,
        string tokenPath,
        BackendClient client,
        RunSettings settings,
        CancellationToken cancellationToken)
    {
        await using var server = await start();
        var tokenEndpoint = new Uri(server.BaseAddress, tokenPath);

        // Workers check the request bound before they send. Up to one request per worker can
        // start after the bound is reached, and each of those needs an assertion too.
        var warmupPool = new AssertionPool(client.SignAssertions(tokenEndpoint, settings.MaxBackendWarmupTokens + Parallel, TimeProvider.System));
        var measuredPool = new AssertionPool(client.SignAssertions(tokenEndpoint, settings.MaxBackendTokens + Parallel, TimeProvider.System));

        using var generator = new LoadGenerator(server.BaseAddress, Parallel);
        var warmup = new LoadSettings(Parallel, TimeSpan.Zero, settings.Warmup, settings.MaxBackendWarmupTokens);
        await generator.RunOperationsAsync((http, _, token) => TokenRequest.SendAsync(http, tokenPath, warmupPool, token), warmup, cancellationToken);

        var measured = new LoadSettings(Parallel, TimeSpan.Zero, settings.Duration, settings.MaxBackendTokens);
        var cpuBefore = ProcessCpu.ReadCpuSeconds(server.ProcessId);
        var load = await generator.RunOperationsAsync((http, _, token) => TokenRequest.SendAsync(http, tokenPath, measuredPool, token), measured, cancellationToken);
        var cpuSeconds = ProcessCpu.ReadCpuSeconds(server.ProcessId) - cpuBefore;

        LoadChecks.EnsureMeasured(load, server.Launch.Name);
        return new BackendTokensResult(load, cpuSeconds * 1000 / load.Succeeded);
    }

    private sealed record BackendTokensResult(LoadResult Load, double CpuMilliseconds);
}
