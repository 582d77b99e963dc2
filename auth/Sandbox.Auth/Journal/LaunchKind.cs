using System.Text.Json.Serialization;
using Sandbox.Auth.Api;

namespace Sandbox.Auth.Journal;

/// <summary>How a launch journal's flow started.</summary>
[JsonConverter(typeof(NamedEnumConverter<LaunchKind>))]
public enum LaunchKind
{
    /// <summary>Events arrived for a key that no launch or flow started, such as an unknown launch id.</summary>
    Unknown,

    /// <summary>An EHR launch made with the Launch button of the sandbox's EHR.</summary>
    Ehr,

    /// <summary>An EHR launch made with <c>POST /api/launches</c>.</summary>
    Api,

    /// <summary>An EHR launch run by the sandbox itself for <c>POST /api/launches/headless</c>.</summary>
    Headless,

    /// <summary>An authorization request without a <c>launch</c> parameter.</summary>
    Standalone,

    /// <summary>The token requests of a backend service (<c>client_credentials</c>), one journal per client.</summary>
    BackendService,
}
