namespace Sandbox.Auth.Server;

/// <summary>
/// Whether an authorization request's client and redirect URI were verified, so that errors
/// may be sent to that URI; otherwise the OAuth error code and the failed check in plain words.
/// </summary>
internal sealed record RedirectUriCheck(bool IsVerified, string? Error, string? Reason)
{
    /// <summary>The result for a registered client whose redirect URI matches exactly.</summary>
    public static RedirectUriCheck Verified { get; } = new(true, null, null);

    /// <summary>Returns a failed check with its error code and reason.</summary>
    public static RedirectUriCheck Failed(string error, string reason) => new(false, error, reason);
}
