using Sandbox.Benchmarks.Data;
using Sandbox.Benchmarks.Probes;
using Sandbox.Benchmarks.Processes;

namespace Sandbox.Benchmarks;

/// <summary>
/// What the scenarios of one run share: settings, the data set, the build outputs, a work
/// folder for SQLite files, and the way servers are spawned.
/// </summary>
internal sealed partial class BenchmarkContext(
    BenchmarkOptions options,
    RunSettings settings,
    BuildOutputs outputs,
    DataSet dataSet,
    string workFolder)
{
    public const string SandboxReadyPath = "/fhir/metadata";
    public const string ProbeReadyPath = "/json";
    public const string OidcProbeReadyPath = "/.well-known/openid-configuration";

    private string? _probeDatabase;
    private int _databaseCount;

    public RunSettings Settings => settings;

    public DataSet DataSet => dataSet;

    /// <summary>Returns a path in the work folder for a new SQLite file.</summary>
    public string NewDatabasePath(string name) =>
        Path.Combine(workFolder, $"{name}-{Interlocked.Increment(ref _databaseCount)}.db");

    /// <summary>
    /// Returns the SQLite file the bare probe reads by id, filled once with the whole data set
    /// by the storage probe.
    /// </summary>
    public string GetProbeDatabase() =>
        _probeDatabase ??= FillProbeDatabase(NewDatabasePath("probe-read"));

    /// <summary>Spawns the bare probe, reading from <paramref name="databasePath"/> when given.</summary>
    public Task<ServerProcess> StartProbeAsync(string? databasePath, CancellationToken cancellationToken) =>
        StartProbeWithArgumentsAsync(databasePath is null ? [] : ["--Probe:Database", databasePath], cancellationToken);

    /// <summary>Spawns the bare probe with the given configuration arguments, such as <c>--Probe:SearchDatabase</c>.</summary>
    public Task<ServerProcess> StartProbeWithArgumentsAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var launch = new ServerLaunch("bare probe", outputs.ProbeAssembly, arguments, FreePort.NextLoopbackAddress(), ProbeReadyPath);
        return ServerProcess.StartAsync(launch, settings.ReadyTimeout, cancellationToken);
    }

    /// <summary>
    /// Spawns the oidc-provider probe (<c>bench/probe-oidc-provider/server.mjs</c>) with Node.js,
    /// configured with the client that <paramref name="clientFile"/> describes.
    /// </summary>
    /// <exception cref="ServerUnavailableException">The probe's npm packages are not installed, or Node.js is missing.</exception>
    public Task<ServerProcess> StartOidcProviderProbeAsync(string clientFile, CancellationToken cancellationToken)
    {
        var folder = outputs.OidcProviderProbeFolder;
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "oidc-provider")))
        {
            throw new ServerUnavailableException(
                $"the oidc-provider probe's npm packages are not installed: run 'npm ci' in {folder} (test.sh does it when npm is on PATH).");
        }

        var launch = new ServerLaunch(
            "oidc-provider probe",
            Path.Combine(folder, "server.mjs"),
            ["--client", clientFile],
            FreePort.NextLoopbackAddress(),
            OidcProbeReadyPath,
            Program: "node");
        return ServerProcess.StartAsync(launch, settings.ReadyTimeout, cancellationToken);
    }

    /// <summary>
    /// Spawns the sandbox on a throwaway store with open FHIR access (no token needed), for a
    /// scenario that measures it once it is ready. The RSA key pool is off, so the sandbox
    /// generates its keys during its start and refills no pool while it is measured.
    /// </summary>
    /// <param name="seed">The sandbox's <c>--seed</c> value: <c>default</c> or <c>empty</c>.</param>
    /// <param name="cancellationToken">Stops waiting for the sandbox to become ready.</param>
    public Task<ServerProcess> StartSandboxAsync(string seed, CancellationToken cancellationToken)
    {
        string[] arguments = ["--ephemeral", "--seed", seed, "--open-fhir", "--Sandbox:KeyPool", "false"];
        var launch = new ServerLaunch("sandbox", outputs.SandboxAssembly, arguments, FreePort.NextLoopbackAddress(), SandboxReadyPath);
        return ServerProcess.StartAsync(launch, settings.ReadyTimeout, cancellationToken);
    }

    /// <summary>
    /// Spawns the sandbox on a data folder that it keeps at exit, with open FHIR access and no
    /// seed population, so that one store can grow from one spawn to the next.
    /// </summary>
    public Task<ServerProcess> StartSandboxOnDataAsync(string dataFolder, CancellationToken cancellationToken)
    {
        string[] arguments = ["--data", dataFolder, "--seed", "empty", "--open-fhir"];
        var launch = new ServerLaunch("sandbox", outputs.SandboxAssembly, arguments, FreePort.NextLoopbackAddress(), SandboxReadyPath);
        return ServerProcess.StartAsync(launch, settings.ReadyTimeout, cancellationToken);
    }

    /// <summary>Returns a path in the work folder for a new folder, created empty.</summary>
    public string NewFolder(string name)
    {
        var path = Path.Combine(workFolder, $"{name}-{Interlocked.Increment(ref _databaseCount)}");
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>The sandbox's <c>Sandbox.Host.dll</c>, for its command-line verbs.</summary>
    public string SandboxAssembly => outputs.SandboxAssembly;

    /// <summary>
    /// Measures the sandbox side of a comparison. A sandbox that cannot be started or does not
    /// serve what the scenario needs yields a reason instead of a value, and so does --probes-only.
    /// </summary>
    public async Task<Outcome<T>> MeasureSandboxAsync<T>(
        Func<CancellationToken, Task<T>> measure,
        CancellationToken cancellationToken)
        where T : class
    {
        if (options.ProbesOnly)
            return Outcome<T>.NotAvailable("skipped by --probes-only");

        try
        {
            return Outcome<T>.Of(await measure(cancellationToken));
        }
        catch (ServerUnavailableException exception)
        {
            return Outcome<T>.NotAvailable(exception.Message);
        }
    }

    private string FillProbeDatabase(string path)
    {
        StorageProbe.IngestInOneTransaction(path, dataSet.Bundles);
        return path;
    }
}
