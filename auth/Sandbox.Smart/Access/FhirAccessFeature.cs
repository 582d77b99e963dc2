namespace Sandbox.Smart.Access;

/// <summary>The default <see cref="IFhirAccessFeature"/>: a grant fixed for one request.</summary>
public sealed class FhirAccessFeature(FhirAccessGrant grant) : IFhirAccessFeature
{
    public FhirAccessGrant Grant { get; } = grant;
}
