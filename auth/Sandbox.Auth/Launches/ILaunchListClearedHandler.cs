namespace Sandbox.Auth.Launches;

/// <summary>
/// A module that keeps launches of its own, such as the EHR's list of the launches it made,
/// and removes them when <see cref="LaunchListClearing"/> clears the launch list.
/// </summary>
public interface ILaunchListClearedHandler
{
    /// <summary>Removes the launches the module keeps, after the launch list was cleared.</summary>
    void OnLaunchListCleared();
}
