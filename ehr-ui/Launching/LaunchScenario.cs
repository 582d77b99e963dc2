namespace Sandbox.EhrUi.Launching;

/// <summary>A saved launch that can be replayed: who launches which app for which patient, with which options.</summary>
/// <param name="Id">The scenario's id in its URL.</param>
/// <param name="Name">A short name.</param>
/// <param name="Description">What the scenario shows, or null.</param>
/// <param name="User">The persona's username.</param>
/// <param name="PatientId">The patient in context.</param>
/// <param name="EncounterId">The encounter in context, or null.</param>
/// <param name="ClientId">The app.</param>
/// <param name="Options">The launch options.</param>
public sealed record LaunchScenario(
    string Id,
    string Name,
    string? Description,
    string User,
    string PatientId,
    string? EncounterId,
    string ClientId,
    LaunchOptions Options);
