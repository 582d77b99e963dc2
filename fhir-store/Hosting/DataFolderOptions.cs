namespace Sandbox.FhirStore.Hosting;

/// <summary>
/// Where the sandbox keeps its files: the SQLite database, the signing keys and the
/// generated client secrets. Bound from the <c>Sandbox</c> configuration section.
/// </summary>
public sealed record DataFolderOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Sandbox";

    /// <summary>
    /// The data folder, absolute or relative to the current directory. Default <c>sandbox-data</c>.
    /// </summary>
    public string DataFolder { get; init; } = "sandbox-data";

    /// <summary>
    /// When true, the sandbox works in a new temporary folder and deletes it at shutdown,
    /// ignoring <see cref="DataFolder"/>. Default false.
    /// </summary>
    public bool Ephemeral { get; init; }

    /// <summary>
    /// When true, a new data folder takes its RSA key pairs from a pool of keys generated ahead
    /// of need (see <see cref="RsaKeyPool"/>) instead of generating them during start. Default true.
    /// </summary>
    public bool KeyPool { get; init; } = true;

    /// <summary>
    /// The folder of the key pool. Default <c>key-pool</c> in the sandbox's cache folder
    /// (see <see cref="UserCacheFolder"/>).
    /// </summary>
    public string? KeyPoolFolder { get; init; }
}
