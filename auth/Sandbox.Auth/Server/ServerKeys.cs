using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using Sandbox.FhirStore.Hosting;

namespace Sandbox.Auth.Server;

/// <summary>
/// The signing and encryption keys of the authorization server. They are generated into the
/// data folder at first start and read from there afterwards, so tokens survive a restart.
/// The default data folder is listed in .gitignore, so the keys stay out of the repository.
/// </summary>
/// <remarks>
/// OpenIddict signs with a symmetric key when it has one, except id_tokens, which it signs
/// with the asymmetric key. So authorization codes, access tokens and refresh tokens carry
/// HS256 signatures that only this server can check, and id_tokens carry RS256 signatures
/// that apps check with the published JWK Set. An HMAC costs microseconds where an RSA
/// signature costs about a quarter of a millisecond.
/// </remarks>
internal sealed class ServerKeys
{
    private const string SigningKeyFile = "auth-signing-key.pem";
    private const string EncryptionKeyFile = "auth-encryption-key.txt";
    private const string TokenSigningKeyFile = "auth-token-signing-key.txt";

    private readonly Task<RsaSecurityKey> _signingKey;

    public ServerKeys(DataFolder dataFolder, RsaKeyPool keyPool, ILogger<ServerKeys> logger)
    {
        // Generating a 2,048-bit RSA key takes a few hundred milliseconds of CPU when the key
        // pool is empty, so loading runs on the thread pool while the rest of start-up goes on.
        // The first use of the key waits.
        var signingKeyPath = dataFolder.GetFilePath(SigningKeyFile);
        _signingKey = Task.Run(() => LoadSigningKey(signingKeyPath, keyPool, logger));
        EncryptionKey = LoadSymmetricKey(dataFolder.GetFilePath(EncryptionKeyFile), "AES encryption", logger);
        TokenSigningKey = LoadSymmetricKey(dataFolder.GetFilePath(TokenSigningKeyFile), "HMAC token signing", logger);
        TokenSigningKey.KeyId = Base64UrlEncoder.Encode(TokenSigningKey.ComputeJwkThumbprint());
    }

    /// <summary>The RSA key that signs id_tokens with RS256, published in the JWK Set.</summary>
    public RsaSecurityKey SigningKey => _signingKey.GetAwaiter().GetResult();

    /// <summary>The AES key that encrypts authorization codes and refresh tokens.</summary>
    public SymmetricSecurityKey EncryptionKey { get; }

    /// <summary>The key that signs authorization codes, access tokens and refresh tokens with HS256. It is never published.</summary>
    public SymmetricSecurityKey TokenSigningKey { get; }

    private static RsaSecurityKey LoadSigningKey(string path, RsaKeyPool keyPool, ILogger logger)
    {
        RSA rsa;
        if (File.Exists(path))
        {
            rsa = RSA.Create();
            rsa.ImportFromPem(File.ReadAllText(path));
        }
        else
        {
            rsa = keyPool.Take();
            WriteSecret(path, rsa.ExportRSAPrivateKeyPem());
            Log.KeyGenerated(logger, "RSA signing", path);
        }

        var key = new RsaSecurityKey(rsa);
        key.KeyId = Base64UrlEncoder.Encode(key.ComputeJwkThumbprint());
        return key;
    }

    private static SymmetricSecurityKey LoadSymmetricKey(string path, string keyKind, ILogger logger)
    {
        if (!File.Exists(path))
        {
            WriteSecret(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            Log.KeyGenerated(logger, keyKind, path);
        }

        return new SymmetricSecurityKey(Convert.FromBase64String(File.ReadAllText(path).Trim()));
    }

    // The file is created readable by its owner only, with no moment in which others may read it.
    private static void WriteSecret(string path, string content) => PrivateFile.Write(path, content);
}
