using System.Text.Json.Serialization;
using Sandbox.Auth.Api;

namespace Sandbox.Auth.Journal;

/// <summary>Whether a step of a launch passed, failed, went through with changes, or only happened.</summary>
/// <remarks>New values go at the end, so the numeric values of the existing ones stay the same.</remarks>
[JsonConverter(typeof(NamedEnumConverter<LaunchEventOutcome>))]
public enum LaunchEventOutcome
{
    /// <summary>A step that happened and checked nothing, such as the launch being created.</summary>
    Info,

    /// <summary>A check that passed.</summary>
    Passed,

    /// <summary>A check that failed, so the client got an error.</summary>
    Failed,

    /// <summary>A step that went through, but not as the client requested, such as a dropped scope.</summary>
    Warning,
}
