namespace Sandbox.Auth.Launches;

/// <summary>What clearing the launch list did.</summary>
/// <param name="EndedLaunches">The launches that had not expired and now no longer authorize.</param>
/// <param name="DroppedJournals">The journals dropped from the launch inspector.</param>
public sealed record LaunchListCleared(int EndedLaunches, int DroppedJournals);
