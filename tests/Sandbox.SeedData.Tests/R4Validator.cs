using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace Sandbox.SeedData.Tests;

/// <summary>
/// One Firely validator against the R4 base specification for the whole test run, because
/// building the schema of each resource type takes seconds the first time.
/// </summary>
public static class R4Validator
{
    private static readonly Lazy<Validator> Instance = new(Create);

    public static OperationOutcome Validate(Resource resource) => Instance.Value.Validate(resource);

    private static Validator Create()
    {
        var source = new CachedResolver(ZipSource.CreateValidationSource());
        var terminology = new LocalTerminologyService(source);
        return new Validator(source, terminology);
    }
}
