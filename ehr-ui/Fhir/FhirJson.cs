using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Sandbox.EhrUi.Fhir;

/// <summary>Reads stored FHIR JSON into Firely resources for display.</summary>
public static class FhirJson
{
    // Recoverable mode keeps what it can read of a resource with a validation error, because
    // the EHR shows stored data and must not fail a whole page on one imperfect field.
    private static readonly JsonSerializerOptions Options = new JsonSerializerOptions()
        .ForFhir(ModelInfo.ModelInspector)
        .UsingMode(DeserializationMode.Recoverable);

    /// <summary>Deserializes one resource of the expected type.</summary>
    /// <exception cref="JsonException">The JSON is not a resource of type <typeparamref name="T"/>.</exception>
    public static T Deserialize<T>(ReadOnlySpan<byte> json)
        where T : Resource
    {
        return JsonSerializer.Deserialize<Resource>(json, Options) as T
            ?? throw new JsonException($"The stored JSON is not a {typeof(T).Name} resource.");
    }
}
