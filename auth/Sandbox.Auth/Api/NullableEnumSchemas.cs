using System.Text.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Sandbox.Auth.Api;

/// <summary>
/// Removes <c>null</c> from the values of an enum schema. Microsoft.AspNetCore.OpenApi 10
/// puts it there for a nullable enum such as <c>SmartApp.pkce</c> and also wraps the property
/// in <c>oneOf: [{type: null}, {$ref}]</c>. A null then matches both branches, and a
/// <c>oneOf</c> must match exactly one, so a validator rejects every app whose <c>pkce</c> is null.
/// </summary>
internal sealed class NullableEnumSchemas : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if ((Nullable.GetUnderlyingType(type) ?? type).IsEnum && schema.Enum is { } values)
        {
            var nulls = values.Where(value => value is null || value.GetValueKind() == JsonValueKind.Null).ToList();
            foreach (var value in nulls)
                values.Remove(value);
        }

        return Task.CompletedTask;
    }
}
