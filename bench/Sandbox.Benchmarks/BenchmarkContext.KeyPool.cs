using Sandbox.Benchmarks.Processes;

namespace Sandbox.Benchmarks;

/// <summary>The spawns of the start-up scenarios, with the sandbox's RSA key pool on.</summary>
/// <remarks>
/// A sandbox takes its two RSA keys from a pool of generated keys when the pool contains them, and
/// refills the pool about 2 s after it is ready. Spawns that stop right after their first
/// response would empty the pool after two starts, so that every later start generated its
/// keys, which a tester's sandbox does only when it starts again within seconds. The start-up
/// scenarios therefore wait for each sandbox's refill before they stop it. The pool sits in
/// the run's work folder, apart from the tester's own pool, so the first spawn of a run finds
/// it empty.
/// </remarks>
internal sealed partial class BenchmarkContext
{
    // The number of keys in a full pool, as the sandbox's RsaKeyPool.Capacity sets it.
    private const int KeyPoolCapacity = 4;

    private static readonly TimeSpan KeyPoolPollInterval = TimeSpan.FromMilliseconds(50);

    private string KeyPoolFolder => Path.Combine(workFolder, "key-pool");

    /// <summary>
    /// Spawns the sandbox like <see cref="StartSandboxAsync"/>, with the RSA key pool on in the
    /// run's own pool folder. Call <see cref="WaitForFullKeyPoolAsync"/> before stopping it.
    /// </summary>
    public Task<ServerProcess> StartSandboxWithKeyPoolAsync(string seed, CancellationToken cancellationToken)
    {
        string[] arguments = ["--ephemeral", "--seed", seed, "--open-fhir", "--Sandbox:KeyPoolFolder", KeyPoolFolder];
        var launch = new ServerLaunch("sandbox", outputs.SandboxAssembly, arguments, FreePort.NextLoopbackAddress(), SandboxReadyPath);
        return ServerProcess.StartAsync(launch, settings.ReadyTimeout, cancellationToken);
    }

    /// <summary>
    /// Waits until the pool contains <see cref="KeyPoolCapacity"/> keys, for at most the ready
    /// timeout. A pool that is still short then makes the next spawn generate keys, which its
    /// start time includes, as it did before the pool existed.
    /// </summary>
    public async Task WaitForFullKeyPoolAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + settings.ReadyTimeout;
        while (CountPooledKeys() < KeyPoolCapacity && DateTime.UtcNow < deadline)
            await Task.Delay(KeyPoolPollInterval, cancellationToken);
    }

    private int CountPooledKeys() =>
        Directory.Exists(KeyPoolFolder) ? Directory.GetFiles(KeyPoolFolder, "rsa-*.pem").Length : 0;
}
