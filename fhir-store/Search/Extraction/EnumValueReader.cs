using System.Collections.Concurrent;
using System.Reflection;
using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Search.Extraction;

/// <summary>
/// Reads the enum behind a bound <c>Code&lt;T&gt;</c>, whose literal carries the code system,
/// so <c>status=http://hl7.org/fhir/observation-status|final</c> matches as well as <c>status=final</c>.
/// </summary>
internal static class EnumValueReader
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo?> ValueProperties = new();

    public static bool TryRead(PrimitiveType primitive, out Enum value)
    {
        var property = ValueProperties.GetOrAdd(primitive.GetType(), static type =>
            type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Code<>) ? type.GetProperty("Value", BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly) : null);
        if (property?.GetValue(primitive) is Enum literal)
        {
            value = literal;
            return true;
        }

        value = default!;
        return false;
    }
}
