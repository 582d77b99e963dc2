using Hl7.Fhir.Model;

namespace Sandbox.SeedData.Loading;

/// <summary>Replaces references inside a resource, for example <c>urn:uuid:…</c> with <c>Patient/…</c>.</summary>
internal static class ReferenceRewriter
{
    /// <summary>Rewrites every reference found in <paramref name="map"/>; returns how many changed.</summary>
    public static int Rewrite(Base element, IReadOnlyDictionary<string, string> map)
    {
        var changed = 0;
        foreach (var child in ChildrenOf(element))
        {
            if (child is ResourceReference { Reference: { } reference } link && map.TryGetValue(reference, out var target))
            {
                link.Reference = target;
                changed++;
            }

            changed += Rewrite(child, map);
        }

        return changed;
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
