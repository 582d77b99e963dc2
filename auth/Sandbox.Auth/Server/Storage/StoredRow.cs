namespace Sandbox.Auth.Server.Storage;

/// <summary>One row of an authorization-server table: an entity's id, version and JSON.</summary>
internal readonly record struct StoredRow(string Id, long Version, string Data);
