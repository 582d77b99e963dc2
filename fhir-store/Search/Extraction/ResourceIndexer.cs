using System.Net;
using Hl7.Fhir.FhirPath;
using Hl7.Fhir.Model;
using Hl7.Fhir.Validation;
using Sandbox.FhirStore.Operations;
using Sandbox.FhirStore.Search.Definitions;
using Resource = Hl7.Fhir.Model.Resource;

namespace Sandbox.FhirStore.Search.Extraction;

/// <summary>
/// Evaluates every search parameter of a resource's type against the resource and returns
/// its index rows, including the Patient compartments it belongs to.
/// </summary>
internal sealed class ResourceIndexer(SearchParameterCatalog catalog)
{
    /// <summary>
    /// Returns the index rows of a resource. Throws <see cref="FhirOperationException"/> (400)
    /// when a searched element has a value of the wrong type or a code outside its value set,
    /// which a syntax-only parse (import, stored bodies) does not check.
    /// </summary>
    public IndexEntries Extract(Resource resource)
    {
        try
        {
            return ExtractValid(resource);
        }
        catch (CodedValidationException exception)
        {
            throw new FhirOperationException(
                HttpStatusCode.BadRequest,
                OperationOutcome.IssueType.Value,
                $"The {resource.TypeName} has an invalid value: {exception.Message}");
        }
    }

    private IndexEntries ExtractValid(Resource resource)
    {
        var entries = new IndexEntries();
        var type = resource.TypeName;
        var context = new FhirEvaluationContext { ElementResolver = TypedReferenceResolver.Resolve };
        foreach (var parameter in catalog.GetParameters(type))
        {
            if (parameter.Expression is null)
                continue;

            foreach (var value in parameter.Expression.Select(resource, context))
                Add(entries, parameter, value, context);
        }

        AddCompartments(entries, resource);
        return entries;
    }

    private static void Add(
        IndexEntries entries,
        SearchParameterInfo parameter,
        Base value,
        FhirEvaluationContext context)
    {
        var name = parameter.Name;
        switch (parameter.Type)
        {
            case SearchParamType.String:
                ValueExtractor.AddString(entries, name, value);
                break;
            case SearchParamType.Token:
                ValueExtractor.AddToken(entries, name, value);
                break;
            case SearchParamType.Date:
                ValueExtractor.AddDate(entries, name, value);
                break;
            case SearchParamType.Number:
                ValueExtractor.AddNumber(entries, name, value);
                break;
            case SearchParamType.Quantity:
                ValueExtractor.AddQuantity(entries, name, value);
                break;
            case SearchParamType.Reference:
                ValueExtractor.AddReference(entries, name, value);
                break;
            case SearchParamType.Uri:
                ValueExtractor.AddUri(entries, name, value);
                break;
            case SearchParamType.Composite:
                CompositeExtractor.Add(entries, parameter, value, context);
                break;
        }
    }

    private static void AddCompartments(IndexEntries entries, Resource resource)
    {
        if (resource is Patient { Id: { } patientId })
            entries.CompartmentPatients.Add(patientId);

        // A Binary's securityContext names the resource whose access rules stand in for its own.
        // A Binary whose securityContext is a Patient joins that patient's compartment, so that
        // patient/ scopes reach it as they reach the patient's other records.
        if (resource is Binary { SecurityContext.Reference: { } securityContext } && SecurityContextPatient(securityContext) is { } contextPatientId)
            entries.CompartmentPatients.Add(contextPatientId);

        var parameters = PatientCompartment.GetParameters(resource.TypeName);
        if (parameters.Count == 0)
            return;

        foreach (var reference in entries.References)
        {
            if (reference.TargetType == "Patient" && reference.TargetId is not null && parameters.Contains(reference.Param))
                entries.CompartmentPatients.Add(reference.TargetId);
        }
    }

    // Only a relative reference to a Patient counts: Patient/{id}, without a version.
    private static string? SecurityContextPatient(string reference)
    {
        const string Prefix = "Patient/";
        if (!reference.StartsWith(Prefix, StringComparison.Ordinal))
            return null;

        var id = reference[Prefix.Length..];
        return ResourceTypes.IsValidId(id) ? id : null;
    }
}
