using System.Collections;
using Hl7.Fhir.Introspection;
using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Operations;

/// <summary>Reading and writing POCO elements, and building values from operation parts.</summary>
public static partial class FhirPathPatch
{
    private static PropertyMapping FindProperty(Base element, string name)
    {
        var mapping = ModelInfo.ModelInspector.FindOrImportClassMapping(element.GetType())
            ?? throw Unprocessable($"The element type {element.TypeName} is not known to the FHIR model.");

        return mapping.FindMappedElementByName(name)
            ?? mapping.FindMappedElementByChoiceName(name)
            ?? throw Unprocessable($"{element.TypeName} has no element '{name}'.");
    }

    // The generated POCO getter of a repeating element creates an empty list when none is set.
    private static IList ListOf(Base element, PropertyMapping property) =>
        (IList)GetElement(element, property)!;

    private static object? GetElement(Base element, PropertyMapping property) =>
        NativeProperty(property).GetValue(element);

    private static void SetElement(Base element, PropertyMapping property, Base? value) =>
        NativeProperty(property).SetValue(element, value);

    private static System.Reflection.PropertyInfo NativeProperty(PropertyMapping property) =>
        property.NativeProperty
        ?? throw Unprocessable($"{property.DeclaringClass.Name}.{property.Name} has no POCO property to change.");

    /// <summary>Returns the parent POCO of a selected element and the property that contains it.</summary>
    private static (Base Parent, PropertyMapping Property) Locate(PocoNode node)
    {
        if (node.Parent is not { } parent)
            throw Unprocessable("The path selects the resource itself or a computed value, which cannot be deleted or replaced.");

        return (parent.Poco, FindProperty(parent.Poco, node.Name));
    }

    /// <summary>
    /// Builds the element that a <c>value</c> part gives: its value[x], its resource, or, for a
    /// complex type, an instance whose children come from the nested parts.
    /// </summary>
    private static Base BuildValue(Parameters.ParameterComponent part, PropertyMapping property, string name)
    {
        var sources = (part.Value is null ? 0 : 1) + (part.Resource is null ? 0 : 1) + (part.Part.Count > 0 ? 1 : 0);
        if (sources != 1)
            throw Malformed($"The value for '{name}' must be exactly one of a value[x], a resource or nested parts.");

        if (part.Value is not null)
            return Coerce(part.Value, property, name);
        if (part.Resource is not null)
            return Coerce(part.Resource, property, name);

        return BuildComplexValue(part.Part, property, name);
    }

    private static Base BuildComplexValue(List<Parameters.ParameterComponent> parts, PropertyMapping property, string name)
    {
        var type = property.ImplementingType;
        if (type.IsAbstract || !typeof(Base).IsAssignableFrom(type) || typeof(PrimitiveType).IsAssignableFrom(type))
            throw Unprocessable($"'{name}' cannot be built from nested parts, so give its value as value[x] instead.");

        var element = (Base)Activator.CreateInstance(type)!;
        foreach (var part in parts)
        {
            var partName = part.Name ?? string.Empty;
            var childProperty = FindProperty(element, partName);
            var child = BuildValue(part, childProperty, partName);
            if (childProperty.IsCollection)
                ListOf(element, childProperty).Add(child);
            else if (GetElement(element, childProperty) is not null)
                throw Unprocessable($"The nested parts of '{name}' set {element.TypeName}.{partName} twice, but it does not repeat.");
            else
                SetElement(element, childProperty, child);
        }

        return element;
    }

    /// <summary>
    /// Checks that a value fits the element. A code or string becomes the element's coded type,
    /// because a Parameters body can only carry valueCode where the model has an enum-bound code.
    /// </summary>
    private static Base Coerce(Base value, PropertyMapping property, string name)
    {
        var type = property.ImplementingType;
        if (type.IsGenericType
            && type.GetGenericTypeDefinition() == typeof(Code<>)
            && value is Code or FhirString)
        {
            var primitive = (PrimitiveType)value;
            var coded = (PrimitiveType)Activator.CreateInstance(type)!;
            coded.JsonValue = primitive.JsonValue;
            coded.ElementId = primitive.ElementId;
            coded.Extension.AddRange(primitive.Extension);
            return coded;
        }

        if (!type.IsInstanceOfType(value) || !IsAllowedChoice(value, property))
            throw Unprocessable($"The value is a {value.TypeName}, which '{name}' does not accept.");

        return value;
    }

    private static bool IsAllowedChoice(Base value, PropertyMapping property) =>
        property.Choice != ChoiceType.DatatypeChoice
        || property.FhirType.Length == 0
        || property.FhirType.Any(type => type.IsInstanceOfType(value));

    /// <summary>
    /// Keeps the id and extensions of a replaced primitive when the new value brings none, so
    /// replacing a birthDate keeps, for example, its data-absent-reason or patient-birthTime extension.
    /// </summary>
    private static Base KeepPrimitiveDetails(Base old, Base replacement)
    {
        if (old is PrimitiveType oldPrimitive
            && replacement is PrimitiveType newPrimitive
            && newPrimitive.ElementId is null
            && newPrimitive.Extension.Count == 0)
        {
            newPrimitive.ElementId = oldPrimitive.ElementId;
            newPrimitive.Extension.AddRange(oldPrimitive.Extension);
        }

        return replacement;
    }
}
