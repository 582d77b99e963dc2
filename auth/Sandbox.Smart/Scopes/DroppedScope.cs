namespace Sandbox.Smart.Scopes;

/// <summary>A requested scope that was not granted, and why.</summary>
public sealed record DroppedScope(string Scope, string Reason);
