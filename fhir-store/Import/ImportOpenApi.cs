using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Sandbox.FhirStore.Import;

/// <summary>
/// The request body of <c>POST /api/import</c> in the OpenAPI document. The endpoint reads the
/// raw body itself, so ASP.NET Core cannot infer it, and its JSON and NDJSON media types need
/// different schemas, which the single type of <c>Accepts</c> metadata cannot express.
/// </summary>
internal static class ImportOpenApi
{
    public static Task DescribeUploadAsync(
        OpenApiOperation operation,
        OpenApiOperationTransformerContext context,
        CancellationToken cancellationToken)
    {
        var json = new OpenApiMediaType
        {
            Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "A FHIR R4 Bundle (transaction, batch or collection) or one resource, as JSON.",
            },
        };
        var ndjson = new OpenApiMediaType
        {
            Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "FHIR R4 resources as NDJSON: one JSON resource per line.",
            },
        };
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/fhir+json"] = json,
                ["application/json"] = json,
                ["application/fhir+ndjson"] = ndjson,
                ["application/x-ndjson"] = ndjson,
                ["application/ndjson"] = ndjson,
            },
        };
        return Task.CompletedTask;
    }
}
