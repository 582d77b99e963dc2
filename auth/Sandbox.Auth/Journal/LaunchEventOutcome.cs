using System.Text.Json.Serialization;

namespace Sandbox.Auth.Journal;

/// <summary>Whether a step of a launch passed, failed, or only happened.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LaunchEventOutcome>))]
public enum LaunchEventOutcome
{
    Info,
    Passed,
    Failed,
}
