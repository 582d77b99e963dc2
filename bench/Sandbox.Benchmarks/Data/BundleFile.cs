namespace Sandbox.Benchmarks.Data;

/// <summary>One transaction Bundle of the data set, as the JSON bytes sent to the servers.</summary>
internal sealed record BundleFile(string Name, byte[] Json, IReadOnlyList<ResourceKey> Entries);
