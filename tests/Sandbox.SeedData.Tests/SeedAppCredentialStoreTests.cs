using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sandbox.FhirStore.Hosting;
using Sandbox.SeedData.Apps;

namespace Sandbox.SeedData.Tests;

public sealed class SeedAppCredentialStoreTests : IDisposable
{
    private readonly DataFolder _folder = new(Options.Create(new DataFolderOptions { Ephemeral = true }));
    private readonly RsaKeyPool _keyPool = new(Options.Create(new DataFolderOptions { KeyPool = false }), NullLogger<RsaKeyPool>.Instance);

    [Fact]
    public void LoadOrCreate_FirstStart_CreatesSecret()
    {
        var credential = new SeedAppCredentialStore(_folder, _keyPool).LoadOrCreate(SeedApps.ConfidentialApp);

        Assert.NotNull(credential.ClientSecret);
        Assert.True(credential.ClientSecret.Length >= 40, "The secret should carry 32 random bytes.");
    }

    [Fact]
    public async Task LoadOrCreate_ConcurrentCalls_ReturnOneSecret()
    {
        // The seed load and the seed apps' registration read the credentials at the same time
        // on a new data folder. The race is short, so many new folders are tried.
        for (var round = 0; round < 1000; round++)
        {
            using var folder = new DataFolder(Options.Create(new DataFolderOptions { Ephemeral = true }));
            var store = new SeedAppCredentialStore(folder, _keyPool);
            var calls = Enumerable.Range(0, 4)
                .Select(_ => Task.Run(() => store.LoadOrCreate(SeedApps.ConfidentialApp).ClientSecret))
                .ToList();

            var secrets = await Task.WhenAll(calls);

            Assert.Single(secrets.Distinct());
            Assert.False(string.IsNullOrEmpty(secrets[0]), $"Round {round} read an empty secret.");
        }
    }

    [Fact]
    public void LoadOrCreate_SecondStart_KeepsSecret()
    {
        var first = new SeedAppCredentialStore(_folder, _keyPool).LoadOrCreate(SeedApps.ConfidentialApp);

        var second = new SeedAppCredentialStore(_folder, _keyPool).LoadOrCreate(SeedApps.ConfidentialApp);

        Assert.Equal(first.ClientSecret, second.ClientSecret);
    }

    [Fact]
    public void LoadOrCreate_OtherFolder_CreatesOtherSecret()
    {
        using var other = new DataFolder(Options.Create(new DataFolderOptions { Ephemeral = true }));

        var first = new SeedAppCredentialStore(_folder, _keyPool).LoadOrCreate(SeedApps.ConfidentialApp);
        var second = new SeedAppCredentialStore(other, _keyPool).LoadOrCreate(SeedApps.ConfidentialApp);

        Assert.NotEqual(first.ClientSecret, second.ClientSecret);
    }

    [Fact]
    public void PrivateKeyFile_IsOwnerOnly()
    {
        var credential = new SeedAppCredentialStore(_folder, _keyPool).LoadOrCreate(SeedApps.AsymmetricApp);

        Assert.NotNull(credential.PrivateJwkPath);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(credential.PrivateJwkPath));
    }

    [Fact]
    public void PublicJwks_HasNoPrivateMembers()
    {
        var credentials = new SeedAppCredentialStore(_folder, _keyPool).LoadOrCreate();

        var keySets = credentials.Where(credential => credential.PublicJwks is not null).Select(credential => credential.PublicJwks!).ToList();

        Assert.Equal(2, keySets.Count);
        Assert.All(keySets, json => Assert.DoesNotContain("\"d\"", json));
    }

    [Fact]
    public void RsaPrivateKey_SignatureVerifiesWithPublicKey()
    {
        var credential = new SeedAppCredentialStore(_folder, _keyPool).LoadOrCreate(SeedApps.AsymmetricApp);
        var privateJwk = JsonNode.Parse(File.ReadAllText(credential.PrivateJwkPath!))!.AsObject();
        var publicJwk = JsonNode.Parse(credential.PublicJwks!)!["keys"]![0]!.AsObject();
        var data = Encoding.UTF8.GetBytes("client assertion");

        using var signer = RSA.Create(RsaParameters(privateJwk, includePrivate: true));
        var signature = signer.SignData(data, HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1);
        using var verifier = RSA.Create(RsaParameters(publicJwk, includePrivate: false));

        Assert.True(verifier.VerifyData(data, signature, HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1));
        Assert.Equal("RS384", publicJwk["alg"]!.GetValue<string>());
    }

    [Fact]
    public void EcPrivateKey_SignatureVerifiesWithPublicKey()
    {
        var credential = new SeedAppCredentialStore(_folder, _keyPool).LoadOrCreate(SeedApps.BackendService);
        var privateJwk = JsonNode.Parse(File.ReadAllText(credential.PrivateJwkPath!))!.AsObject();
        var publicJwk = JsonNode.Parse(credential.PublicJwks!)!["keys"]![0]!.AsObject();
        var data = Encoding.UTF8.GetBytes("client assertion");

        using var signer = ECDsa.Create(EcParameters(privateJwk, includePrivate: true));
        var signature = signer.SignData(data, HashAlgorithmName.SHA384);
        using var verifier = ECDsa.Create(EcParameters(publicJwk, includePrivate: false));

        Assert.True(verifier.VerifyData(data, signature, HashAlgorithmName.SHA384));
        Assert.Equal("ES384", publicJwk["alg"]!.GetValue<string>());
    }

    public void Dispose() => _folder.Dispose();

    private static RSAParameters RsaParameters(JsonObject jwk, bool includePrivate) => new()
    {
        Modulus = Bytes(jwk, "n"),
        Exponent = Bytes(jwk, "e"),
        D = includePrivate ? Bytes(jwk, "d") : null,
        P = includePrivate ? Bytes(jwk, "p") : null,
        Q = includePrivate ? Bytes(jwk, "q") : null,
        DP = includePrivate ? Bytes(jwk, "dp") : null,
        DQ = includePrivate ? Bytes(jwk, "dq") : null,
        InverseQ = includePrivate ? Bytes(jwk, "qi") : null,
    };

    private static ECParameters EcParameters(JsonObject jwk, bool includePrivate) => new()
    {
        Curve = ECCurve.NamedCurves.nistP384,
        Q = new ECPoint { X = Bytes(jwk, "x"), Y = Bytes(jwk, "y") },
        D = includePrivate ? Bytes(jwk, "d") : null,
    };

    private static byte[] Bytes(JsonObject jwk, string name) =>
        System.Buffers.Text.Base64Url.DecodeFromChars(jwk[name]!.GetValue<string>());
}
