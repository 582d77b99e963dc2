namespace Sandbox.Auth.Admin;

/// <summary>The outcome of checking one request against the admin key.</summary>
public enum AdminKeyCheck
{
    /// <summary>The request may use admin functions.</summary>
    Allowed,

    /// <summary>A key is required and the request presented none.</summary>
    Missing,

    /// <summary>The request presented a key that does not match.</summary>
    Invalid,

    /// <summary>
    /// The request did not come straight from loopback, but the sandbox has no key because it
    /// listens on loopback only: set <c>Admin:ApiKey</c> or <c>Admin:RequireKey</c>.
    /// </summary>
    NoKeyConfigured,
}
