namespace Sandbox.FhirStore.Search.Parsing;

/// <summary>Raised while compiling a condition the engine does not know or cannot honour.</summary>
internal sealed class UnsupportedParameterException(string name, string reason) : Exception(reason)
{
    public string Name { get; } = name;
}
