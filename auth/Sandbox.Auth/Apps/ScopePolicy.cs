using System.Text.Json.Serialization;
using Sandbox.Auth.Api;

namespace Sandbox.Auth.Apps;

/// <summary>What happens to requested scopes the app may not have.</summary>
[JsonConverter(typeof(NamedEnumConverter<ScopePolicy>))]
public enum ScopePolicy
{
    /// <summary>They are left out and the granted set is returned.</summary>
    Drop,

    /// <summary>The request fails with <c>invalid_scope</c>.</summary>
    Reject,
}
