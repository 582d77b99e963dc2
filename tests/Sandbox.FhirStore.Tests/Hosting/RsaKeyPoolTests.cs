using System.Runtime.Versioning;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sandbox.FhirStore.Hosting;

namespace Sandbox.FhirStore.Tests.Hosting;

public sealed class RsaKeyPoolTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("key-pool-").FullName;

    [Fact]
    public void Take_FilledPool_ClaimsPooledKey()
    {
        var pool = CreatePool();
        pool.Refill(CancellationToken.None);
        var pooled = Directory.GetFiles(_folder).Select(PublicModulus).ToHashSet();

        using var key = pool.Take();

        Assert.Contains(Modulus(key), pooled);
        Assert.Equal(RsaKeyPool.Capacity - 1, Directory.GetFiles(_folder).Length);
    }

    [Fact]
    public void Take_EmptyPool_GeneratesKey()
    {
        var pool = CreatePool();

        using var key = pool.Take();

        Assert.Equal(2048, key.KeySize);
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public async Task Take_ConcurrentCallers_GetDistinctKeys()
    {
        var pool = CreatePool();
        pool.Refill(CancellationToken.None);

        var keys = await Task.WhenAll(Enumerable.Range(0, RsaKeyPool.Capacity).Select(_ => Task.Run(pool.Take)));

        Assert.Equal(RsaKeyPool.Capacity, keys.Select(Modulus).Distinct().Count());
        Assert.Empty(Directory.GetFiles(_folder));
        foreach (var key in keys)
            key.Dispose();
    }

    [Fact]
    public void Take_DamagedFile_GeneratesKeyAndDropsFile()
    {
        File.WriteAllText(Path.Combine(_folder, "rsa-damaged.pem"), "not a key");
        var pool = CreatePool();

        using var key = pool.Take();

        Assert.Equal(2048, key.KeySize);
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void Refill_WritesFilesReadableByOwnerOnly()
    {
        var pool = CreatePool();

        pool.Refill(CancellationToken.None);

        Assert.All(
            Directory.GetFiles(_folder),
            path => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path)));
    }

    [Fact]
    public void Take_PoolOff_LeavesFolderAlone()
    {
        var pool = CreatePool();
        pool.Refill(CancellationToken.None);
        var off = new RsaKeyPool(Options.Create(new DataFolderOptions { KeyPool = false, KeyPoolFolder = _folder }), NullLogger<RsaKeyPool>.Instance);

        using var key = off.Take();

        Assert.Null(off.Folder);
        Assert.Equal(RsaKeyPool.Capacity, Directory.GetFiles(_folder).Length);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private RsaKeyPool CreatePool() =>
        new(Options.Create(new DataFolderOptions { KeyPoolFolder = _folder }), NullLogger<RsaKeyPool>.Instance);

    private static string Modulus(RSA key) => Convert.ToBase64String(key.ExportParameters(false).Modulus!);

    private static string PublicModulus(string path)
    {
        using var key = RSA.Create();
        key.ImportFromPem(File.ReadAllText(path));
        return Modulus(key);
    }
}
