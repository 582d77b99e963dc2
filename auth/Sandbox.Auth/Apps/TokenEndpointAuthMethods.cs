namespace Sandbox.Auth.Apps;

/// <summary>The values of <c>token_endpoint_auth_method</c> (RFC 7591 section 2) that the sandbox supports.</summary>
public static class TokenEndpointAuthMethods
{
    /// <summary>A public client, which sends no credentials.</summary>
    public const string None = "none";

    /// <summary>The client secret in an HTTP Basic <c>Authorization</c> header (RFC 6749 section 2.3.1).</summary>
    public const string ClientSecretBasic = "client_secret_basic";

    /// <summary>The client secret as <c>client_secret</c> in the form body (RFC 6749 section 2.3.1).</summary>
    public const string ClientSecretPost = "client_secret_post";

    /// <summary>A client assertion signed with the client's private key (RFC 7523).</summary>
    public const string PrivateKeyJwt = "private_key_jwt";
}
