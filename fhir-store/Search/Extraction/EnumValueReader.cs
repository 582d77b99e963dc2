using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using Hl7.Fhir.Validation;

namespace Sandbox.FhirStore.Search.Extraction;

/// <summary>
/// Reads the enum behind a bound <c>Code&lt;T&gt;</c>, whose literal carries the code system,
/// so <c>status=http://hl7.org/fhir/observation-status|final</c> matches as well as <c>status=final</c>.
/// </summary>
internal static class EnumValueReader
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo?> ValueProperties = new();

    private static readonly ConcurrentDictionary<Enum, (string? System, string Code)> Literals = new();

    /// <summary>Reads the code system and code of a bound code, or returns false for any other primitive.</summary>
    public static bool TryReadCode(PrimitiveType primitive, out string? system, out string code)
    {
        system = null;
        code = string.Empty;
        if (!TryRead(primitive, out var literal))
            return false;

        (system, code) = Literals.GetOrAdd(literal, static value => (value.GetSystem(), value.GetLiteral()));
        return true;
    }

    private static bool TryRead(PrimitiveType primitive, out Enum value)
    {
        var property = ValueProperties.GetOrAdd(primitive.GetType(), FindValueProperty);
        if (ReadValue(property, primitive) is Enum literal)
        {
            value = literal;
            return true;
        }

        value = default!;
        return false;
    }

    // Code<T>.Value raises CodedValidationException for a literal outside its value set, which
    // syntax-only parsing lets through. Reflection wraps it, so it is raised again unwrapped.
    private static object? ReadValue(PropertyInfo? property, PrimitiveType primitive)
    {
        try
        {
            return property?.GetValue(primitive);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is CodedValidationException invalid)
        {
            ExceptionDispatchInfo.Throw(invalid);
            throw;
        }
    }

    private static PropertyInfo? FindValueProperty(Type type)
    {
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(Code<>))
            return null;

        // Code<T> hides the inherited string Value with its own T? Value.
        return type.GetProperty("Value", BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly);
    }
}
