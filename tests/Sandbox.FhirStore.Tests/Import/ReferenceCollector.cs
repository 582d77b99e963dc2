using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Tests.Import;

/// <summary>Lists the literal references inside a resource, contained and local references excluded.</summary>
internal static class ReferenceCollector
{
    public static List<string> Collect(Base root)
    {
        var found = new List<string>();
        Visit(root, found);
        return found;
    }

    private static void Visit(Base node, List<string> found)
    {
        if (node is ResourceReference { Reference: { Length: > 0 } value } && !value.StartsWith('#'))
            found.Add(value);

        foreach (var (_, child) in node.EnumerateElements())
        {
            if (child is Base single)
                Visit(single, found);
            else if (child is IEnumerable<Base> many)
            {
                foreach (var item in many)
                    Visit(item, found);
            }
        }
    }
}
