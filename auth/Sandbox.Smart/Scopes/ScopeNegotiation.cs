namespace Sandbox.Smart.Scopes;

/// <summary>
/// The result of negotiating the scopes an app requested against the scopes it may have.
/// </summary>
/// <param name="Granted">The scopes granted, in request order, narrowed scopes included.</param>
/// <param name="Dropped">The requested scopes left out, each with the reason in plain words.</param>
/// <param name="Narrowed">The requested scopes granted only in part, each with the scopes granted in its place.</param>
public sealed record ScopeNegotiation(
    IReadOnlyList<string> Granted,
    IReadOnlyList<DroppedScope> Dropped,
    IReadOnlyList<NarrowedScope> Narrowed)
{
    /// <summary>The granted scopes as one space-separated string.</summary>
    public string GrantedText => string.Join(' ', Granted);

    /// <summary>Whether every requested scope was granted as requested.</summary>
    public bool IsComplete => Dropped.Count == 0 && Narrowed.Count == 0;

    /// <summary>The reasons of every dropped and narrowed scope, as one text.</summary>
    public string DescribeShortfall() =>
        string.Join(" ", Dropped.Select(dropped => dropped.Reason).Concat(Narrowed.Select(narrowed => narrowed.Reason)));
}
