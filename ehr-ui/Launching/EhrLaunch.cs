namespace Sandbox.EhrUi.Launching;

/// <summary>A launch the EHR created, with what the EHR frame and the inspector show.</summary>
/// <param name="LaunchId">The opaque launch id of the authorization server.</param>
/// <param name="ClientId">The launched app.</param>
/// <param name="AppName">The app's name when it was launched.</param>
/// <param name="User">The signed-in persona's username.</param>
/// <param name="UserDisplayName">The signed-in persona's name.</param>
/// <param name="PatientId">The patient in context.</param>
/// <param name="EncounterId">The encounter in context, or null.</param>
/// <param name="LaunchUrl">The app's launch URL with <c>iss</c> and <c>launch</c>.</param>
/// <param name="Options">The options the launch used.</param>
/// <param name="CreatedAt">When the launch was created.</param>
public sealed record EhrLaunch(
    string LaunchId,
    string ClientId,
    string AppName,
    string User,
    string UserDisplayName,
    string PatientId,
    string? EncounterId,
    string LaunchUrl,
    LaunchOptions Options,
    DateTimeOffset CreatedAt);
