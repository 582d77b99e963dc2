using Hl7.Fhir.Model;
using Sandbox.FhirStore.Tests.Bundles;

namespace Sandbox.FhirStore.Tests.SearchHttp;

/// <summary>
/// The small data set that the HTTP search tests query: four patients with distinct names,
/// birth dates, identifiers and contact points, and the observations, encounters and
/// requests that point at them. Every resource has a fixed id, so tests name their expected matches.
/// </summary>
internal static partial class SearchFixtureData
{
    public const string Loinc = "http://loinc.org";
    public const string Snomed = "http://snomed.info/sct";
    public const string Ucum = "http://unitsofmeasure.org";
    public const string Mrn = "urn:test:mrn";
    public const string TagSystem = "urn:test:tags";
    public const string ProfileUrl = "http://example.org/fhir/StructureDefinition/test-patient";
    public const string Confidentiality = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality";
    public const string IdentifierTypes = "http://terminology.hl7.org/CodeSystem/v2-0203";
    public const string ObservationCategories = "http://terminology.hl7.org/CodeSystem/observation-category";

    /// <summary>Builds the transaction Bundle; <paramref name="fhirBase"/> is used for one absolute reference.</summary>
    public static Bundle Build(Uri fhirBase)
    {
        var builder = new BundleBuilder(Bundle.BundleType.Transaction);
        IEnumerable<Resource> resources =
        [
            Ada(), Bob(), Cy(), Dee(),
            new Practitioner { Id = "pr-1", Name = [new HumanName { Family = "House", Given = ["Greg"] }] },
            new Organization { Id = "org-1", Name = "Acme Health" },
            .. Observations(fhirBase),
            .. Others(),
        ];
        foreach (var resource in resources)
            builder.Put(resource, $"{resource.TypeName}/{resource.Id}");

        return builder.Build();
    }

    private static Patient Ada() => new()
    {
        Id = "pat-ada",
        Meta = new Meta
        {
            Tag = [new Coding(TagSystem, "vip")],
            Profile = [ProfileUrl],
            Security = [new Coding(Confidentiality, "R")],
            Source = "urn:test:source-a",
        },
        Text = new Narrative { Status = Narrative.NarrativeStatus.Generated, Div = "<div xmlns=\"http://www.w3.org/1999/xhtml\">Ada Lovelace</div>" },
        Active = true,
        Name = [new HumanName { Family = "Lovelace", Given = ["Ada", "Augusta"] }],
        Gender = AdministrativeGender.Female,
        BirthDate = "1970-06-01",
        Identifier =
        [
            new Identifier(Mrn, "MRN-1") { Type = new CodeableConcept(IdentifierTypes, "MR") },
        ],
        Telecom =
        [
            new ContactPoint(ContactPoint.ContactPointSystem.Phone, null, "555-0100"),
            new ContactPoint(ContactPoint.ContactPointSystem.Email, null, "ada@example.org"),
        ],
        Address =
        [
            new Address
            {
                Line = ["12 Rue de l'Église"],
                City = "Montréal",
                State = "QC",
                PostalCode = "H2X 1Y4",
                Country = "CA",
            },
        ],
        ManagingOrganization = new ResourceReference("Organization/org-1"),
        GeneralPractitioner = [new ResourceReference("Practitioner/pr-1")],
    };

    private static Patient Bob() => new()
    {
        Id = "pat-bob",
        Active = false,
        Name = [new HumanName { Family = "Müller", Given = ["Bob"] }],
        Gender = AdministrativeGender.Male,
        BirthDate = "1980-05",
        Identifier = [new Identifier(Mrn, "MRN-2") { Type = new CodeableConcept(IdentifierTypes, "MR") }],
        Telecom = [new ContactPoint(ContactPoint.ContactPointSystem.Email, null, "bob@example.org")],
        Address = [new Address { City = "Berlin", Country = "DE" }],
    };

    private static Patient Cy() => new()
    {
        Id = "pat-cy",
        Name = [new HumanName { Family = "Smithson", Given = ["Cy"] }],
        Gender = AdministrativeGender.Male,
        BirthDate = "1969-12-31",
        Identifier = [new Identifier("urn:test:other", "X-3") { Type = new CodeableConcept(IdentifierTypes, "DL") }],
    };

    private static Patient Dee() => new()
    {
        Id = "pat-dee",
        Name = [new HumanName { Family = "Smith", Given = ["Dee"] }],
        Gender = AdministrativeGender.Female,
        BirthDate = "1975",
        Identifier = [new Identifier { Value = "NOSYS-4" }],
    };
}
