using System.Text.Json.Serialization;
using Sandbox.Auth.Api;

namespace Sandbox.Auth.Apps;

/// <summary>How a registered app authenticates at the token endpoint.</summary>
[JsonConverter(typeof(NamedEnumConverter<AppKind>))]
public enum AppKind
{
    /// <summary>A browser or native app with no secret; PKCE protects its codes.</summary>
    Public,

    /// <summary>A confidential app with a client secret (<c>client_secret_basic</c> or <c>client_secret_post</c>).</summary>
    ConfidentialSymmetric,

    /// <summary>A confidential app that signs a <c>private_key_jwt</c> client assertion.</summary>
    ConfidentialAsymmetric,

    /// <summary>A SMART Backend Services client: <c>client_credentials</c> with <c>private_key_jwt</c>.</summary>
    BackendService,
}
