namespace Sandbox.Benchmarks.Processes;

/// <summary>
/// A server could not be started or did not serve what a scenario needs. On the sandbox side
/// the scenario reports the figure as not available with this message; on a probe side it fails.
/// </summary>
internal sealed class ServerUnavailableException(string message) : Exception(message);
