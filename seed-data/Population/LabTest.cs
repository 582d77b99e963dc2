namespace Sandbox.SeedData.Population;

/// <summary>A laboratory test with its UCUM unit and adult reference range (either bound may be open).</summary>
internal sealed record LabTest(Concept Code, string UcumCode, string Unit, decimal? Low, decimal? High);
