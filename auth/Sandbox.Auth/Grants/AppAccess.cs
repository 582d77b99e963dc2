using Sandbox.Auth.Apps;

namespace Sandbox.Auth.Grants;

/// <summary>An app with access on a user's behalf, and each grant that gives it that access.</summary>
/// <param name="App">The registered app.</param>
/// <param name="Grants">The grants with a usable token, newest first.</param>
public sealed record AppAccess(SmartApp App, IReadOnlyList<AppGrant> Grants);
