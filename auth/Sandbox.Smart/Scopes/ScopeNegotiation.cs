namespace Sandbox.Smart.Scopes;

/// <summary>
/// The result of negotiating the scopes an app requested against the scopes it may have.
/// </summary>
/// <param name="Granted">The scopes granted, in request order.</param>
/// <param name="Dropped">The requested scopes left out, each with the reason in plain words.</param>
public sealed record ScopeNegotiation(
    IReadOnlyList<string> Granted,
    IReadOnlyList<DroppedScope> Dropped)
{
    /// <summary>The granted scopes as one space-separated string.</summary>
    public string GrantedText => string.Join(' ', Granted);
}
