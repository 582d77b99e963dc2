using Hl7.Fhir.Model;

namespace Sandbox.EhrUi.Presentation;

public static partial class ChartRows
{
    /// <summary>Builds the demographics list of the summary: label and value pairs, missing ones left out.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Demographics(Patient patient)
    {
        var rows = new List<KeyValuePair<string, string>>();
        AddIfPresent(rows, "Address", patient.Address.Select(AddressText).FirstOrDefault());
        AddIfPresent(rows, "Phone", ContactValue(patient, ContactPoint.ContactPointSystem.Phone));
        AddIfPresent(rows, "Email", ContactValue(patient, ContactPoint.ContactPointSystem.Email));
        AddIfPresent(rows, "Language", patient.Communication.Select(c => FhirDisplay.Concept(c.Language)).FirstOrDefault());
        AddIfPresent(rows, "Marital status", patient.MaritalStatus is null ? null : FhirDisplay.Concept(patient.MaritalStatus));
        AddIfPresent(rows, "Primary care", patient.GeneralPractitioner.Select(FhirDisplay.Reference).FirstOrDefault());
        AddIfPresent(rows, "Organization", patient.ManagingOrganization?.Display);
        return rows;
    }

    private static void AddIfPresent(List<KeyValuePair<string, string>> rows, string label, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value) && value != FhirDisplay.Missing)
            rows.Add(new(label, value));
    }

    private static string? ContactValue(Patient patient, ContactPoint.ContactPointSystem system) =>
        patient.Telecom.FirstOrDefault(t => t.System == system && !string.IsNullOrWhiteSpace(t.Value))?.Value;

    private static string AddressText(Address address)
    {
        if (!string.IsNullOrWhiteSpace(address.Text))
            return address.Text;

        var parts = address.Line
            .Append(address.City)
            .Append(string.Join(' ', new[] { address.State, address.PostalCode }.Where(p => !string.IsNullOrWhiteSpace(p))))
            .Append(address.Country);
        return string.Join(", ", parts.Where(p => !string.IsNullOrWhiteSpace(p)));
    }
}
