using Hl7.Fhir.Model;

namespace Sandbox.SeedData.Population;

/// <summary>Addresses in Riverton, the fictional town of the seed population.</summary>
internal static class SeedAddresses
{
    public static Address Riverton(string line, string postalCode = "01915") => new()
    {
        Use = Address.AddressUse.Work,
        Type = Address.AddressType.Both,
        Line = [line],
        City = "Riverton",
        State = "MA",
        PostalCode = postalCode,
        Country = "US",
    };

    public static Address Home(string line, string postalCode) => new()
    {
        Use = Address.AddressUse.Home,
        Type = Address.AddressType.Physical,
        Line = [line],
        City = "Riverton",
        State = "MA",
        PostalCode = postalCode,
        Country = "US",
    };
}
