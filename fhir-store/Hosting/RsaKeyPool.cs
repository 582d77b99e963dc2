using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Sandbox.FhirStore.Hosting;

/// <summary>
/// 2,048-bit RSA key pairs generated ahead of need into a folder of the user's cache, so that
/// a start with a new data folder (every <c>--ephemeral</c> start) does not spend CPU on key
/// generation while it gets ready. Each pooled key is handed out once: a process claims a file
/// by renaming it, reads it and deletes it, so two sandboxes never share a key.
/// </summary>
/// <remarks>
/// Generating one key takes 0.07 to 0.5 s of CPU here, and a new data folder needs two (the
/// server's id_token key and the asymmetric seed app's key). The pool is refilled in the
/// background after a start that took from it (see <see cref="RsaKeyPoolRefill"/>). The folder
/// and its files are readable by the sandbox's own user only.
/// </remarks>
public sealed class RsaKeyPool(IOptions<DataFolderOptions> options, ILogger<RsaKeyPool> logger)
{
    /// <summary>The number of keys the pool is refilled to: enough for two starts with a new data folder.</summary>
    public const int Capacity = 4;

    private const string KeyPattern = "rsa-*.pem";
    private const int KeySize = 2048;

    private int _takenCount;

    /// <summary>The folder of the pooled keys, or null when the pool is off.</summary>
    public string? Folder { get; } =
        options.Value.KeyPool ? options.Value.KeyPoolFolder ?? UserCacheFolder.GetPath("key-pool") : null;

    /// <summary>Whether this process has asked the pool for a key, so the pool may need a refill.</summary>
    public bool WasUsed => Volatile.Read(ref _takenCount) > 0;

    /// <summary>Returns a pooled key when one can be claimed, otherwise a newly generated one.</summary>
    public RSA Take()
    {
        Interlocked.Increment(ref _takenCount);
        return TryClaim() ?? RSA.Create(KeySize);
    }

    /// <summary>
    /// Generates keys into the folder until it contains <see cref="Capacity"/>. Each key is written
    /// under a temporary name and renamed, so a reader never sees half a file.
    /// </summary>
    public void Refill(CancellationToken cancellationToken)
    {
        if (Folder is null)
            return;

        CreatePrivateFolder(Folder);
        DeleteLeftovers(Folder);
        while (!cancellationToken.IsCancellationRequested && Directory.GetFiles(Folder, KeyPattern).Length < Capacity)
        {
            using var rsa = RSA.Create(KeySize);
            var name = Guid.NewGuid().ToString("N");
            var temporary = Path.Combine(Folder, $"{name}.tmp");
            PrivateFile.Write(temporary, rsa.ExportRSAPrivateKeyPem(), FileMode.CreateNew);
            File.Move(temporary, Path.Combine(Folder, $"rsa-{name}.pem"));
        }
    }

    private RSA? TryClaim()
    {
        if (Folder is null || !Directory.Exists(Folder))
            return null;

        foreach (var path in Directory.EnumerateFiles(Folder, KeyPattern))
        {
            var claimed = $"{path}.{Environment.ProcessId}-{Guid.NewGuid():N}.claimed";
            try
            {
                // Renaming is atomic: of two processes that try the same file, one fails here.
                File.Move(path, claimed);
            }
            catch (IOException)
            {
                continue;
            }

            try
            {
                var rsa = RSA.Create();
                rsa.ImportFromPem(File.ReadAllText(claimed));
                return rsa;
            }
            catch (Exception exception) when (exception is CryptographicException or ArgumentException)
            {
                // A damaged file is dropped, and the caller gets a new key instead.
                Log.KeyPoolFileInvalid(logger, exception, path);
            }
            finally
            {
                File.Delete(claimed);
            }
        }

        return null;
    }

    // A process killed while it wrote or claimed a key leaves a temporary or claimed file behind.
    private static void DeleteLeftovers(string folder)
    {
        var cutoff = DateTime.UtcNow - TimeSpan.FromHours(1);
        foreach (var file in new DirectoryInfo(folder).EnumerateFiles())
        {
            if ((file.Extension is ".tmp" or ".claimed") && file.LastWriteTimeUtc < cutoff)
                file.Delete();
        }
    }

    private static void CreatePrivateFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(folder);
        else
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
