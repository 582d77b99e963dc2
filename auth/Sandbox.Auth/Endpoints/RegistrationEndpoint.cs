using Microsoft.AspNetCore.Http;
using Sandbox.Auth.Apps;
using Sandbox.Smart.Scopes;

namespace Sandbox.Auth.Endpoints;

/// <summary>
/// Dynamic client registration (RFC 7591): tools that register themselves get a client id,
/// and a secret when they ask for <c>client_secret_basic</c> or <c>client_secret_post</c>.
/// </summary>
internal static class RegistrationEndpoint
{
    public static async Task<IResult> HandleAsync(
        ClientMetadata metadata,
        AppRegistry registry,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var kind = ChooseKind(metadata);
        if (kind is null)
            return Error("invalid_client_metadata", $"token_endpoint_auth_method '{metadata.TokenEndpointAuthMethod}' is not supported.");

        var app = new SmartApp
        {
            Name = metadata.ClientName ?? "Self-registered app",
            Kind = kind.Value,
            RedirectUris = metadata.RedirectUris ?? [],
            LogoUrl = metadata.LogoUri,
            Scopes = SmartScopes.Split(metadata.Scope),
            Jwks = metadata.Jwks,
            JwksUrl = metadata.JwksUri,
        };
        try
        {
            var stored = await registry.RegisterAsync(app, cancellationToken);
            return Results.Json(ToMetadata(stored, metadata, timeProvider.GetUtcNow()), statusCode: StatusCodes.Status201Created);
        }
        catch (AppRegistrationException exception)
        {
            var error = exception.Message.StartsWith("redirectUris", StringComparison.Ordinal) ? "invalid_redirect_uri" : "invalid_client_metadata";
            return Error(error, exception.Message);
        }
    }

    private static AppKind? ChooseKind(ClientMetadata metadata)
    {
        var isBackend = metadata.GrantTypes?.Contains("client_credentials") == true;
        return metadata.TokenEndpointAuthMethod switch
        {
            null or "none" => AppKind.Public,
            "client_secret_basic" or "client_secret_post" => AppKind.ConfidentialSymmetric,
            "private_key_jwt" => isBackend ? AppKind.BackendService : AppKind.ConfidentialAsymmetric,
            _ => null,
        };
    }

    private static ClientMetadata ToMetadata(SmartApp app, ClientMetadata requested, DateTimeOffset now) => requested with
    {
        ClientId = app.ClientId,
        ClientSecret = app.ClientSecret,
        ClientIdIssuedAt = now.ToUnixTimeSeconds(),
        ClientSecretExpiresAt = app.ClientSecret is null ? null : 0,
        TokenEndpointAuthMethod = requested.TokenEndpointAuthMethod ?? "none",
    };

    private static IResult Error(string error, string description) =>
        Results.Json(new Dictionary<string, string> { ["error"] = error, ["error_description"] = description }, statusCode: StatusCodes.Status400BadRequest);
}
