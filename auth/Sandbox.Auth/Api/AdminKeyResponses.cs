using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Sandbox.Auth.Api;

/// <summary>
/// Adds the 401 and 403 responses of the admin key check to every operation that it guards:
/// each path under <c>/api</c>, with ProblemDetails, and dynamic registration, with an RFC 6750
/// error object. The check is middleware, so no endpoint declares these responses itself.
/// </summary>
internal sealed class AdminKeyResponses : IOpenApiDocumentTransformer
{
    private const string ProblemSchemaId = nameof(ProblemDetails);

    private const string MissingKey = "The admin key is missing: send it in X-Admin-Key or as a Bearer token.";

    private const string Forbidden =
        "The admin key is wrong, no key is configured and the request does not come straight from loopback, "
        + "or a request other than GET, HEAD and OPTIONS comes from a web page of another origin.";

    public async Task TransformAsync(
        OpenApiDocument document,
        OpenApiDocumentTransformerContext context,
        CancellationToken cancellationToken)
    {
        var problemSchema = await GetProblemSchemaAsync(document, context, cancellationToken);
        foreach (var (path, item) in document.Paths)
        {
            var isAdminApi = IsAdminApi(path);
            if ((!isAdminApi && path != AuthPaths.Register) || item.Operations is null)
                continue;

            foreach (var operation in item.Operations.Values)
            {
                operation.Responses ??= [];
                operation.Responses.TryAdd("401", isAdminApi ? Problem(MissingKey, problemSchema) : TokenError(MissingKey));
                operation.Responses.TryAdd("403", isAdminApi ? Problem(Forbidden, problemSchema) : TokenError(Forbidden));
            }
        }
    }

    /// <summary>Returns the operations of <paramref name="document"/> that the admin key check guards.</summary>
    internal static IEnumerable<OpenApiOperation> GuardedOperations(OpenApiDocument document) =>
        document.Paths
            .Where(pair => IsAdminApi(pair.Key) || pair.Key == AuthPaths.Register)
            .SelectMany(pair => pair.Value.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>());

    private static bool IsAdminApi(string path) => path.StartsWith("/api/", StringComparison.Ordinal);

    // The schema that ProducesProblem registers, or a new component when no endpoint declared one.
    private static async Task<IOpenApiSchema> GetProblemSchemaAsync(
        OpenApiDocument document,
        OpenApiDocumentTransformerContext context,
        CancellationToken cancellationToken)
    {
        if (document.Components?.Schemas?.ContainsKey(ProblemSchemaId) != true)
        {
            var schema = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken);
            document.AddComponent(ProblemSchemaId, schema);
        }

        return new OpenApiSchemaReference(ProblemSchemaId, document);
    }

    private static OpenApiResponse Problem(string description, IOpenApiSchema schema) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/problem+json"] = new() { Schema = schema },
        },
    };

    // Dynamic registration returns RFC 6750's error and error_description members.
    private static OpenApiResponse TokenError(string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/json"] = new()
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.String },
                },
            },
        },
    };
}
