using System.Text.Json.Serialization;

namespace Sandbox.Auth.Apps;

/// <summary>What happens to requested scopes the app may not have.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ScopePolicy>))]
public enum ScopePolicy
{
    /// <summary>They are left out and the granted set is returned.</summary>
    Drop,

    /// <summary>The request fails with <c>invalid_scope</c>.</summary>
    Reject,
}
