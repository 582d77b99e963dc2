namespace Sandbox.Auth.Apps;

/// <summary>An app registration the registry rejects, with the reason shown to the caller.</summary>
public sealed class AppRegistrationException(string message, bool isConflict = false) : Exception(message)
{
    /// <summary>True when the client id is already taken.</summary>
    public bool IsConflict { get; } = isConflict;
}
