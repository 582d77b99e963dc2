using Sandbox.Auth.Apps;
using Sandbox.Auth.Launches;
using Sandbox.Auth.Personas;

namespace Sandbox.Auth.Endpoints;

/// <summary>Everything an authorization code is issued for, and the launch journal it is recorded in.</summary>
internal sealed record AuthorizeGrant(
    SmartApp App,
    Persona? Persona,
    Launch? Launch,
    IReadOnlyList<string> Scopes,
    string? Patient,
    string? Encounter,
    string JournalKey,
    DateTimeOffset? AuthTime = null);
