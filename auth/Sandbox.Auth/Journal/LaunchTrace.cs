namespace Sandbox.Auth.Journal;

/// <summary>One journal of the launch inspector: what started it, its context, and a summary of its events.</summary>
/// <param name="Key">The launch id, the standalone flow id, or <c>client:</c> and a client id.</param>
/// <param name="Kind">How the flow started.</param>
/// <param name="ClientId">The app, once known.</param>
/// <param name="User">The persona's username, once known.</param>
/// <param name="Patient">The patient in context, once known.</param>
/// <param name="Encounter">The encounter in context, once known.</param>
/// <param name="StartedAt">When the first event or the launch was recorded.</param>
/// <param name="LastEventAt">When the latest event was recorded.</param>
/// <param name="EventCount">The events recorded, dropped ones included.</param>
/// <param name="FirstFailure">The first failed step, or null when none failed.</param>
/// <param name="FirstWarning">The first step that went through with a warning, or null when none did.</param>
public sealed record LaunchTrace(
    string Key,
    LaunchKind Kind,
    string? ClientId,
    string? User,
    string? Patient,
    string? Encounter,
    DateTimeOffset StartedAt,
    DateTimeOffset LastEventAt,
    int EventCount,
    LaunchEvent? FirstFailure,
    LaunchEvent? FirstWarning);
