namespace Sandbox.Auth;

/// <summary>When an unknown <c>client_id</c> is accepted as a public client.</summary>
public enum LooseClientMode
{
    /// <summary>Only while the sandbox listens on loopback addresses alone.</summary>
    Auto,

    /// <summary>Always.</summary>
    On,

    /// <summary>Never: every client must be registered.</summary>
    Off,
}
