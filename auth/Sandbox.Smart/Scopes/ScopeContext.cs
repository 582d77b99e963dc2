namespace Sandbox.Smart.Scopes;

/// <summary>The prefix of a SMART resource scope.</summary>
public enum ScopeContext
{
    /// <summary><c>patient/</c>: limited to the compartment of the patient in context.</summary>
    Patient,

    /// <summary><c>user/</c>: whatever the signed-in user may see.</summary>
    User,

    /// <summary><c>system/</c>: a backend service with no user.</summary>
    System,
}
