using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using Sandbox.Auth.Apps;
using Sandbox.FhirStore.Hosting;

namespace Sandbox.EhrUi.Launching;

/// <summary>
/// The saved launch scenarios, kept in <c>ehr-scenarios.json</c> in the data folder. A scenario
/// also travels whole in a shareable URL (<see cref="Encode"/>), which replays it on another
/// sandbox with the same seed.
/// </summary>
public sealed class ScenarioStore(DataFolder dataFolder)
{
    /// <summary>The file name in the data folder.</summary>
    public const string FileName = "ehr-scenarios.json";

    private readonly JsonFileMap<LaunchScenario> _map = new(dataFolder.GetFilePath(FileName));

    public IReadOnlyList<LaunchScenario> List() =>
        _map.List().Select(pair => pair.Value).OrderBy(scenario => scenario.Name, StringComparer.OrdinalIgnoreCase).ToList();

    public LaunchScenario? Find(string id) => _map.Find(id);

    /// <summary>Saves a scenario under a new random id and returns it.</summary>
    public LaunchScenario Add(LaunchScenario scenario)
    {
        var stored = scenario with { Id = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(9)) };
        _map.Set(stored.Id, stored);
        return stored;
    }

    public bool Remove(string id) => _map.Remove(id);

    /// <summary>Encodes a scenario as base64url JSON, for a shareable URL.</summary>
    public static string Encode(LaunchScenario scenario) =>
        Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(scenario, AppJson.Options));

    /// <summary>
    /// Decodes a shared scenario, or returns null when the text is not one or lacks a member
    /// that every scenario has. The launch checks the values themselves.
    /// </summary>
    public static LaunchScenario? Decode(string? encoded)
    {
        if (string.IsNullOrEmpty(encoded))
            return null;

        try
        {
            var json = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(encoded));
            var scenario = JsonSerializer.Deserialize<LaunchScenario>(json, AppJson.Options);
            return scenario is not null && IsComplete(scenario) ? scenario : null;
        }
        catch (Exception exception) when (exception is FormatException or JsonException or ArgumentException)
        {
            return null;
        }
    }

    // Anyone can write a link by hand, and System.Text.Json sets a missing member or a JSON
    // null to null even where the type does not allow it.
    private static bool IsComplete(LaunchScenario scenario) =>
        scenario is { Id: not null, Name: not null, User: not null, PatientId: not null, ClientId: not null }
        && scenario.Options is { FhirContext: not null, Extra: not null, IframeSandbox: not null, IframeAllow: not null };
}
