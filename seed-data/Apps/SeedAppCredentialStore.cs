using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sandbox.FhirStore.Hosting;

namespace Sandbox.SeedData.Apps;

/// <summary>
/// Generates the seed apps' client secret and key pairs into the data folder at first start
/// and reads them back afterwards, so they survive restarts and are never committed. RSA keys
/// come from the <see cref="RsaKeyPool"/>, so a new data folder does not wait for their generation.
/// </summary>
public sealed class SeedAppCredentialStore(DataFolder dataFolder, RsaKeyPool keyPool)
{
    /// <summary>The folder, inside the data folder, that contains the generated credentials.</summary>
    public const string FolderName = "seed-apps";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    // The seed load and the seed apps' registration both call LoadOrCreate at start-up, on
    // different threads. Without the lock, one could read a file that the other has created
    // but not yet written, or both could write different secrets.
    private readonly Lock _lock = new();

    /// <summary>Returns the credentials of every seed app, creating the missing ones.</summary>
    public IReadOnlyList<SeedAppCredential> LoadOrCreate() => [.. SeedApps.All.Select(LoadOrCreate)];

    /// <summary>Returns the credentials of one seed app, creating them when missing.</summary>
    public SeedAppCredential LoadOrCreate(SeedApp app)
    {
        lock (_lock)
        {
            Directory.CreateDirectory(dataFolder.GetFilePath(FolderName));
            return app.Kind switch
            {
                SeedAppKind.ConfidentialSymmetric => new(app.ClientId, LoadOrCreateSecret(app), null, null),
                SeedAppKind.ConfidentialAsymmetric => LoadOrCreateKey(app, CreateRsaKey),
                SeedAppKind.BackendService => LoadOrCreateKey(app, CreateEcKey),
                _ => new(app.ClientId, null, null, null),
            };
        }
    }

    private string LoadOrCreateSecret(SeedApp app)
    {
        var path = PathOf(app, "secret.txt");
        if (File.Exists(path))
            return File.ReadAllText(path).Trim();

        var secret = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        PrivateFile.Write(path, secret);
        return secret;
    }

    private SeedAppCredential LoadOrCreateKey(SeedApp app, Func<(JsonObject Private, JsonObject Public)> create)
    {
        var privatePath = PathOf(app, "private.jwk.json");
        var publicPath = PathOf(app, "public.jwks.json");
        if (!File.Exists(privatePath) || !File.Exists(publicPath))
        {
            var (privateKey, publicKey) = create();
            PrivateFile.Write(privatePath, privateKey.ToJsonString(Indented));
            File.WriteAllText(publicPath, JsonWebKeys.KeySet(publicKey).ToJsonString(Indented));
        }

        return new(app.ClientId, null, File.ReadAllText(publicPath), privatePath);
    }

    private (JsonObject, JsonObject) CreateRsaKey()
    {
        using var rsa = keyPool.Take();
        return JsonWebKeys.FromRsa(rsa, "RS384");
    }

    private static (JsonObject, JsonObject) CreateEcKey()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        return JsonWebKeys.FromEc(ec, "P-384", "ES384");
    }

    private string PathOf(SeedApp app, string suffix) => dataFolder.GetFilePath(Path.Combine(FolderName, $"{app.ClientId}.{suffix}"));
}
