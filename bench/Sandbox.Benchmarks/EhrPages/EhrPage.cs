namespace Sandbox.Benchmarks.EhrPages;

/// <summary>One page of the EHR the benchmark times.</summary>
/// <param name="Name">The name in the report, such as <c>chart vitals</c>.</param>
/// <param name="Path">The path and query, relative to the sandbox root.</param>
internal sealed record EhrPage(string Name, string Path);
