using Hl7.Fhir.Model;
using Sandbox.FhirStore.Operations;
using Sandbox.FhirStore.Search.Definitions;

namespace Sandbox.FhirStore.Rest.Capabilities;

/// <summary>
/// Builds the CapabilityStatement from what the server implements: every R4 resource type
/// with the same interactions, the search parameters and the <c>_include</c> and
/// <c>_revinclude</c> values the search accepts for it, the result parameters and chaining
/// of every search, the Patient compartment, the Patient <c>$everything</c> operation, and the
/// JSON and XML formats.
/// </summary>
public sealed class CapabilityStatementBuilder(
    IEnumerable<ICapabilityStatementContributor> contributors,
    ISearchParameterCatalog searchParameters,
    TimeProvider timeProvider)
{
    private const string PatientCompartmentDefinition = "http://hl7.org/fhir/CompartmentDefinition/patient";

    private static readonly CapabilityStatement.TypeRestfulInteraction[] TypeInteractions =
    [
        CapabilityStatement.TypeRestfulInteraction.Read,
        CapabilityStatement.TypeRestfulInteraction.Vread,
        CapabilityStatement.TypeRestfulInteraction.Update,
        CapabilityStatement.TypeRestfulInteraction.Patch,
        CapabilityStatement.TypeRestfulInteraction.Delete,
        CapabilityStatement.TypeRestfulInteraction.HistoryInstance,
        CapabilityStatement.TypeRestfulInteraction.HistoryType,
        CapabilityStatement.TypeRestfulInteraction.Create,
        CapabilityStatement.TypeRestfulInteraction.SearchType,
    ];

    /// <summary>Builds the statement for a server whose FHIR base is <paramref name="fhirBase"/>, dated today.</summary>
    public CapabilityStatement Build(Uri fhirBase) => Build(fhirBase, PublicationDate());

    /// <summary>Today's date in UTC, as the statement's <c>date</c> gives it.</summary>
    public string PublicationDate() =>
        timeProvider.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Builds the statement for a server whose FHIR base is <paramref name="fhirBase"/>.</summary>
    public CapabilityStatement Build(Uri fhirBase, string date)
    {
        var statement = new CapabilityStatement
        {
            Status = PublicationStatus.Active,
            Date = date,
            Kind = CapabilityStatementKind.Instance,
            Software = new CapabilityStatement.SoftwareComponent { Name = "SMART on FHIR sandbox" },
            Implementation = new CapabilityStatement.ImplementationComponent
            {
                Description = "SMART on FHIR sandbox FHIR R4 store",
                Url = fhirBase.ToString(),
            },
            FhirVersion = FHIRVersion.N4_0_1,
            Format = ["application/fhir+json", "application/fhir+xml", "json", "xml"],
            PatchFormat = ["application/json-patch+json", "application/fhir+json", "application/fhir+xml"],
            Rest = [BuildRest()],
        };

        foreach (var contributor in contributors)
            contributor.Contribute(statement, fhirBase);

        return statement;
    }

    private CapabilityStatement.RestComponent BuildRest()
    {
        var revIncludes = IncludeValues.RevIncludesByTarget(searchParameters);
        return new()
        {
            Mode = CapabilityStatement.RestfulCapabilityMode.Server,
            Documentation = new Markdown(ServerSearchFeatures.Documentation),
            Resource = ResourceTypes.All.Select(type => BuildResource(type, revIncludes)).ToList(),
            Interaction =
            [
                new() { Code = CapabilityStatement.SystemRestfulInteraction.Transaction },
                new() { Code = CapabilityStatement.SystemRestfulInteraction.Batch },
                new() { Code = CapabilityStatement.SystemRestfulInteraction.HistorySystem },
                new() { Code = CapabilityStatement.SystemRestfulInteraction.SearchSystem },
            ],
            SearchParam = ServerSearchFeatures.BuildSearchParameters(),

            // GET Patient/[id]/[type] and POST Patient/[id]/[type]/_search search the compartment.
            Compartment = [PatientCompartmentDefinition],
        };
    }

    private CapabilityStatement.ResourceComponent BuildResource(
        string resourceType,
        ILookup<string, string> revIncludes)
    {
        var parameters = searchParameters.Describe(resourceType);
        var resource = new CapabilityStatement.ResourceComponent
        {
            Type = resourceType,
            Interaction = TypeInteractions.Select(code => new CapabilityStatement.ResourceInteractionComponent { Code = code }).ToList(),
            Versioning = CapabilityStatement.ResourceVersionPolicy.Versioned,
            ReadHistory = true,
            UpdateCreate = true,
            ConditionalCreate = true,

            // Reads and the read entries of batches and transactions honour both If-None-Match and If-Modified-Since.
            ConditionalRead = CapabilityStatement.ConditionalReadStatus.FullSupport,
            ConditionalUpdate = true,
            ConditionalDelete = CapabilityStatement.ConditionalDeleteStatus.Single,
            SearchParam = parameters.Select(BuildSearchParameter).ToList(),
            SearchInclude = IncludeValues.Includes(resourceType, parameters),
            SearchRevInclude = revIncludes[resourceType].ToList(),
        };

        if (resourceType == "Patient")
        {
            resource.Operation.Add(new CapabilityStatement.OperationComponent
            {
                Name = "everything",
                Definition = "http://hl7.org/fhir/OperationDefinition/Patient-everything",
                Documentation =
                    "Instance level only (Patient/[id]/$everything); the type-level form for all patients is not supported. "
                    + "GET takes the parameters in the URL, and POST in the URL or in a Parameters body. "
                    + "Returns the patient and its compartment as matches, and the local resources they reference through any "
                    + "Reference element or extension as includes, on each page whose matches reference them. "
                    + "The token's grant limits both, and _type limits the referenced resources too. "
                    + "Applies _since, _type, _count, start and end. start and end keep the resources whose care date "
                    + "(such as Observation date, Condition onset-date, else recorded-date, or MedicationRequest authoredon) "
                    + "overlaps the range, resources without a care date and the patient.",
            });
        }

        return resource;
    }

    private static CapabilityStatement.SearchParamComponent BuildSearchParameter(SearchParameterDescription parameter) =>
        new()
        {
            Name = parameter.Name,
            Definition = parameter.Definition,
            Type = parameter.Type,
            // Some R4 definitions have an empty description, which is not a valid markdown value.
            Documentation = string.IsNullOrWhiteSpace(parameter.Documentation) ? null : new Markdown(parameter.Documentation),
        };
}
