using Hl7.Fhir.Model;
using Sandbox.FhirStore.Operations;

namespace Sandbox.FhirStore.Rest.Capabilities;

/// <summary>
/// Builds the CapabilityStatement from what the server implements: every R4 resource type
/// with the same interactions, the search parameters the Firely SDK defines for it, the
/// Patient <c>$everything</c> operation, and the JSON and XML formats.
/// </summary>
/// <remarks>
/// NOTE: the search parameters are the R4 definitions for each type. The full search index
/// evaluates all of them; the provisional index evaluates only _id and identifier.
/// </remarks>
public sealed class CapabilityStatementBuilder(
    IEnumerable<ICapabilityStatementContributor> contributors,
    TimeProvider timeProvider)
{
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

    private static readonly ILookup<string, SearchParamDefinition> SearchParameters =
        ModelInfo.SearchParameters.ToLookup(definition => definition.Resource ?? string.Empty, StringComparer.Ordinal);

    /// <summary>Builds the statement for a server whose FHIR base is <paramref name="fhirBase"/>.</summary>
    public CapabilityStatement Build(Uri fhirBase)
    {
        var statement = new CapabilityStatement
        {
            Status = PublicationStatus.Active,
            Date = timeProvider.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Kind = CapabilityStatementKind.Instance,
            Software = new CapabilityStatement.SoftwareComponent { Name = "SMART on FHIR sandbox" },
            Implementation = new CapabilityStatement.ImplementationComponent
            {
                Description = "SMART on FHIR sandbox FHIR R4 store",
                Url = fhirBase.ToString(),
            },
            FhirVersion = FHIRVersion.N4_0_1,
            Format = ["application/fhir+json", "application/fhir+xml", "json", "xml"],
            PatchFormat = ["application/json-patch+json"],
            Rest = [BuildRest()],
        };

        foreach (var contributor in contributors)
            contributor.Contribute(statement, fhirBase);

        return statement;
    }

    private static CapabilityStatement.RestComponent BuildRest() => new()
    {
        Mode = CapabilityStatement.RestfulCapabilityMode.Server,
        Resource = ResourceTypes.All.Select(BuildResource).ToList(),
        Interaction =
        [
            new() { Code = CapabilityStatement.SystemRestfulInteraction.Transaction },
            new() { Code = CapabilityStatement.SystemRestfulInteraction.Batch },
            new() { Code = CapabilityStatement.SystemRestfulInteraction.HistorySystem },
            new() { Code = CapabilityStatement.SystemRestfulInteraction.SearchSystem },
        ],
    };

    private static CapabilityStatement.ResourceComponent BuildResource(string resourceType)
    {
        var resource = new CapabilityStatement.ResourceComponent
        {
            Type = resourceType,
            Interaction = TypeInteractions.Select(code => new CapabilityStatement.ResourceInteractionComponent { Code = code }).ToList(),
            Versioning = CapabilityStatement.ResourceVersionPolicy.Versioned,
            ReadHistory = true,
            UpdateCreate = true,
            ConditionalCreate = true,
            ConditionalRead = CapabilityStatement.ConditionalReadStatus.NotSupported,
            ConditionalUpdate = true,
            ConditionalDelete = CapabilityStatement.ConditionalDeleteStatus.Single,
            SearchParam = SearchParameters[resourceType].Select(BuildSearchParameter).ToList(),
        };

        if (resourceType == "Patient")
        {
            resource.Operation.Add(new CapabilityStatement.OperationComponent
            {
                Name = "everything",
                Definition = "http://hl7.org/fhir/OperationDefinition/Patient-everything",
            });
        }

        return resource;
    }

    private static CapabilityStatement.SearchParamComponent BuildSearchParameter(SearchParamDefinition definition)
    {
        // Some R4 definitions have an empty description, which is not a valid markdown value.
        var description = definition.Description?.Value;
        return new CapabilityStatement.SearchParamComponent
        {
            Name = definition.Name,
            Definition = definition.Url,
            Type = definition.Type,
            Documentation = string.IsNullOrWhiteSpace(description) ? null : new Markdown(description),
        };
    }
}
