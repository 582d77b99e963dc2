namespace Sandbox.Benchmarks.Data;

/// <summary>The type and logical id of a resource, as in <c>Patient/123</c>.</summary>
internal sealed record ResourceKey(string Type, string Id)
{
    public override string ToString() => $"{Type}/{Id}";
}
