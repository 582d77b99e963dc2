using Sandbox.FhirStore.Hosting;

namespace Sandbox.EhrUi.Launching;

/// <summary>The launch options of each app, kept in <c>ehr-launch-options.json</c> in the data folder.</summary>
public sealed class LaunchOptionsStore(DataFolder dataFolder)
{
    /// <summary>The file name in the data folder.</summary>
    public const string FileName = "ehr-launch-options.json";

    private readonly JsonFileMap<LaunchOptions> _map = new(dataFolder.GetFilePath(FileName));

    /// <summary>Returns the options saved for an app, or the defaults.</summary>
    public LaunchOptions Get(string clientId) => _map.Find(clientId) ?? new LaunchOptions();

    /// <summary>Saves the options of an app.</summary>
    public void Save(string clientId, LaunchOptions options) => _map.Set(clientId, options);

    /// <summary>
    /// Removes the options saved for an app, so its launches use the defaults again. Returns
    /// false when none were saved.
    /// </summary>
    public bool Reset(string clientId) => _map.Remove(clientId);
}
