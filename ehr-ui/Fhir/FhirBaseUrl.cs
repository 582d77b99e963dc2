using Microsoft.AspNetCore.Http;
using Sandbox.FhirStore;

namespace Sandbox.EhrUi.Fhir;

/// <summary>Builds the public FHIR base URL from the request the EHR page serves.</summary>
public static class FhirBaseUrl
{
    /// <summary>Returns the FHIR base URL on the request's origin, such as <c>http://localhost:5080/fhir</c>.</summary>
    public static Uri For(HttpRequest request) =>
        new($"{request.Scheme}://{request.Host}{request.PathBase}{FhirStoreExtensions.FhirBasePath}");
}
