namespace Sandbox.Smart.Scopes;

/// <summary>
/// A requested resource scope that was granted only in part: the scopes granted in its place,
/// and why the rest was left out.
/// </summary>
public sealed record NarrowedScope(string Scope, IReadOnlyList<string> GrantedAs, string Reason);
