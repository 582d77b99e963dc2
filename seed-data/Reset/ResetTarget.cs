using System.Text.Json.Serialization;
using Sandbox.Auth.Api;

namespace Sandbox.SeedData.Reset;

/// <summary>What the store contains after a reset.</summary>
[JsonConverter(typeof(NamedEnumConverter<ResetTarget>))]
public enum ResetTarget
{
    /// <summary>The configured seed (<c>Sandbox:Seed</c>): the generated population or an import folder.</summary>
    Seed,

    /// <summary>No resources at all.</summary>
    Empty,
}
