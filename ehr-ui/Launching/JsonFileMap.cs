using System.Text.Json;
using Sandbox.Auth.Apps;

namespace Sandbox.EhrUi.Launching;

/// <summary>
/// A string-keyed map kept in one JSON file of the data folder. Every change rewrites the
/// file through a temporary file, so a crash leaves the old or the new version.
/// </summary>
internal sealed class JsonFileMap<TValue>(string path)
{
    private readonly Lock _lock = new();
    private Dictionary<string, TValue>? _entries;

    public TValue? Find(string key)
    {
        lock (_lock)
            return Load().GetValueOrDefault(key);
    }

    public IReadOnlyList<KeyValuePair<string, TValue>> List()
    {
        lock (_lock)
            return Load().ToList();
    }

    public void Set(string key, TValue value)
    {
        lock (_lock)
        {
            Load()[key] = value;
            Save();
        }
    }

    public bool Remove(string key)
    {
        lock (_lock)
        {
            var removed = Load().Remove(key);
            if (removed)
                Save();

            return removed;
        }
    }

    private Dictionary<string, TValue> Load()
    {
        if (_entries is not null)
            return _entries;

        _entries = File.Exists(path)
            ? JsonSerializer.Deserialize<Dictionary<string, TValue>>(File.ReadAllText(path), AppJson.Options) ?? []
            : [];
        return _entries;
    }

    private void Save()
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(_entries, AppJson.Options));
        File.Move(temporary, path, overwrite: true);
    }
}
