using System.Text.Json.Serialization;
using Sandbox.Auth.Api;

namespace Sandbox.Auth.Apps;

/// <summary>Whether an app must send a PKCE <c>code_challenge</c> (S256 only).</summary>
[JsonConverter(typeof(NamedEnumConverter<PkcePolicy>))]
public enum PkcePolicy
{
    /// <summary>Every authorization request must carry a code challenge.</summary>
    Required,

    /// <summary>
    /// A code challenge is checked when sent but may be left out, as SMART v1 allowed. Meant for
    /// testing legacy apps: SMART App Launch 2 requires PKCE of every app.
    /// </summary>
    Optional,
}
