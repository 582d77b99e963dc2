using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Sandbox.Auth.Headless;

/// <summary>
/// Lets the schema of <see cref="HeadlessTokenResponse"/> have further string members: the
/// launch's <c>extra</c> parameters, returned when the scopes include <c>launch</c>.
/// Microsoft.AspNetCore.OpenApi 10 writes <c>additionalProperties: false</c> for the record,
/// which would make every response with an extra parameter invalid.
/// </summary>
internal sealed class HeadlessTokenResponseSchema : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Type == typeof(HeadlessTokenResponse))
        {
            schema.AdditionalPropertiesAllowed = true;
            schema.AdditionalProperties = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "A parameter of the launch's extra object.",
            };
        }

        return Task.CompletedTask;
    }
}
