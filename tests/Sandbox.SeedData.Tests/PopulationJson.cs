using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Sandbox.SeedData.Population;

namespace Sandbox.SeedData.Tests;

/// <summary>Serializes a population to FHIR JSON, as the store writes it.</summary>
public static class PopulationJson
{
    private static readonly JsonSerializerOptions Options = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    public static byte[] Serialize(SeedPopulation population) =>
        JsonSerializer.SerializeToUtf8Bytes(population.ToTransactionBundle(), Options);
}
