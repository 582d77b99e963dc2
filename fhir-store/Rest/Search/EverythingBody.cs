using System.Net;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Sandbox.FhirStore.Formats;

namespace Sandbox.FhirStore.Rest.Search;

/// <summary>
/// Reads the parameters of <c>POST Patient/[id]/$everything</c>. R4 lets a client invoke any
/// operation with POST and a <c>Parameters</c> body (operations.html), so the body carries the
/// same parameters as the GET query (<c>start</c>, <c>end</c>, <c>_since</c>, <c>_type</c>,
/// <c>_count</c>), each as a primitive <c>value[x]</c>.
/// </summary>
internal static class EverythingBody
{
    /// <summary>Returns the URL query parameters followed by those of the body, which may be empty.</summary>
    public static async Task<IReadOnlyList<KeyValuePair<string, string>>> ReadParametersAsync(HttpContext context)
    {
        var parameters = FhirHttp.SearchParameters(context.Request.QueryString.Value).ToList();
        var format = ContentNegotiation.RequestFormat(context.Request);
        var body = await FhirHttp.ReadBodyAsync(context);
        if (body.Length == 0)
            return parameters;

        if (FhirSerializer.Parse(body, format) is not Parameters resource)
        {
            throw new FhirOperationException(
                HttpStatusCode.BadRequest,
                OperationOutcome.IssueType.Invalid,
                "The body of POST $everything must be a Parameters resource, or empty.");
        }

        parameters.AddRange(resource.Parameter.Select(ToQueryParameter));
        return parameters;
    }

    private static KeyValuePair<string, string> ToQueryParameter(Parameters.ParameterComponent parameter, int index)
    {
        var literal = (parameter.Value as PrimitiveType)?.ToString();
        if (string.IsNullOrEmpty(parameter.Name) || string.IsNullOrEmpty(literal))
        {
            throw new FhirOperationException(
                HttpStatusCode.BadRequest,
                OperationOutcome.IssueType.Invalid,
                $"Parameters.parameter[{index}] needs a name and a primitive value[x], such as valueDate for start.",
                $"Parameters.parameter[{index}]");
        }

        return new(parameter.Name, literal);
    }
}
