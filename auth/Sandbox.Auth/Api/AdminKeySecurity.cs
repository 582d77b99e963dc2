using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Sandbox.Auth.Admin;

namespace Sandbox.Auth.Api;

/// <summary>
/// Declares the two ways to send the admin key, the <c>X-Admin-Key</c> header or a Bearer
/// token, and lists them as alternatives on every operation that the admin key check guards:
/// each path under <c>/api</c> and dynamic registration.
/// </summary>
internal sealed class AdminKeySecurity : IOpenApiDocumentTransformer
{
    private const string HeaderSchemeId = "adminKeyHeader";

    private const string BearerSchemeId = "adminKeyBearer";

    // The check is the same for both schemes, so the description is shared.
    private const string Description =
        "The admin key from Admin:ApiKey or the one the sandbox prints at start-up. While no key is configured, "
        + "requests straight from loopback need none, and all other requests are rejected.";

    public Task TransformAsync(
        OpenApiDocument document,
        OpenApiDocumentTransformerContext context,
        CancellationToken cancellationToken)
    {
        document.AddComponent(HeaderSchemeId, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = AdminKeyGuard.HeaderName,
            Description = Description,
        });
        document.AddComponent(BearerSchemeId, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = Description,
        });

        foreach (var operation in AdminKeyResponses.GuardedOperations(document))
        {
            // OpenAPI reads separate requirements as alternatives, while one requirement that
            // named both schemes would demand both.
            operation.Security ??= [];
            operation.Security.Add(Requirement(HeaderSchemeId, document));
            operation.Security.Add(Requirement(BearerSchemeId, document));
        }

        return Task.CompletedTask;
    }

    private static OpenApiSecurityRequirement Requirement(string schemeId, OpenApiDocument document) =>
        new() { [new OpenApiSecuritySchemeReference(schemeId, document)] = [] };
}
