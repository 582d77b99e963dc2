using Hl7.Fhir.Model;

namespace Sandbox.SeedData.Tests;

/// <summary>Finds the literal references anywhere inside a resource.</summary>
public static class ResourceReferences
{
    public static IEnumerable<string> In(Base element)
    {
        foreach (var child in ChildrenOf(element))
        {
            if (child is ResourceReference { Reference: { } reference })
                yield return reference;

            foreach (var nested in In(child))
                yield return nested;
        }
    }

    // EnumerateElements yields a repeating element as one list value.
    private static IEnumerable<Base> ChildrenOf(Base element) =>
        element.EnumerateElements().SelectMany(pair => pair.Value switch
        {
            Base single => [single],
            IEnumerable<Base> many => many,
            _ => Enumerable.Empty<Base>(),
        });
}
