using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Sandbox.Auth.Apps;
using Sandbox.Smart.Scopes;

namespace Sandbox.Auth.Endpoints;

/// <summary>
/// Dynamic client registration (RFC 7591): tools that register themselves get a client id,
/// and a secret when they ask for <c>client_secret_basic</c> or <c>client_secret_post</c>.
/// </summary>
internal static partial class RegistrationEndpoint
{
    private const string ClientCredentials = "client_credentials";
    private const string AuthorizationCode = "authorization_code";
    private const string RefreshToken = "refresh_token";
    private const string ResponseCode = "code";

    // The grant types an app registered here can use: the authorization code flow, with refresh
    // tokens when refresh_token is listed, or client_credentials for a backend service (SMART
    // Backend Services).
    private static readonly string[] SupportedGrantTypes = [AuthorizationCode, RefreshToken, ClientCredentials];

    // The SmartApp members that the registry's messages name, with their RFC 7591 names.
    private static readonly Dictionary<string, string> MetadataNames = new(StringComparer.Ordinal)
    {
        ["name"] = "client_name",
        ["redirectUris"] = "redirect_uris",
        ["jwksUrl"] = "jwks_uri",
        ["logoUrl"] = "logo_uri",
        ["scopes"] = "scope",
    };

    public static async Task<IResult> HandleAsync(
        ClientMetadata metadata,
        AppRegistry registry,
        TimeProvider timeProvider,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        // A confidential client's response carries its secret, and RFC 6749 section 5.1 forbids
        // caching any response that contains credentials.
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";

        if (FindGrantTypeProblem(metadata) is { } grantProblem)
            return Error("invalid_client_metadata", grantProblem);

        if (FindResponseTypeProblem(metadata) is { } responseProblem)
            return Error("invalid_client_metadata", responseProblem);

        var kind = ChooseKind(metadata);
        if (kind is null)
            return Error("invalid_client_metadata", $"token_endpoint_auth_method '{metadata.TokenEndpointAuthMethod}' is not supported.");

        var app = new SmartApp
        {
            Name = metadata.ClientName ?? "Self-registered app",
            Kind = kind.Value,
            TokenEndpointAuthMethod = metadata.TokenEndpointAuthMethod,
            RedirectUris = metadata.RedirectUris ?? [],
            LogoUrl = metadata.LogoUri,
            Scopes = SmartScopes.Split(metadata.Scope),
            Jwks = metadata.Jwks,
            JwksUrl = metadata.JwksUri,
            RefreshTokens = metadata.GrantTypes?.Contains(RefreshToken) == true,
        };
        try
        {
            var stored = await registry.RegisterAsync(app, cancellationToken);
            return Results.Json(ToMetadata(stored, metadata, timeProvider.GetUtcNow()), ResponseOptions, statusCode: StatusCodes.Status201Created);
        }
        catch (AppRegistrationException exception)
        {
            var error = exception.Message.StartsWith("redirectUris", StringComparison.Ordinal) ? "invalid_redirect_uri" : "invalid_client_metadata";
            return Error(error, ToMetadataNames(exception.Message));
        }
    }

    private static string? FindGrantTypeProblem(ClientMetadata metadata)
    {
        // RFC 7591 section 2: an omitted grant_types means authorization_code, without refresh tokens.
        var grantTypes = metadata.GrantTypes ?? [AuthorizationCode];
        if (grantTypes.Count == 0)
            return "grant_types is empty; list authorization_code (and refresh_token), or client_credentials alone, or omit it.";

        if (grantTypes.Contains(null))
            return "grant_types contains null; every member must be a grant type string such as authorization_code.";

        if (grantTypes.Distinct(StringComparer.Ordinal).Count() != grantTypes.Count)
            return "grant_types lists a grant type more than once; list each once.";

        if (grantTypes.FirstOrDefault(type => !SupportedGrantTypes.Contains(type, StringComparer.Ordinal)) is { } unsupported)
            return $"grant_types contains '{unsupported}', which the sandbox does not support; use authorization_code and refresh_token, or client_credentials alone.";

        if (!grantTypes.Contains(ClientCredentials))
        {
            return grantTypes.Contains(AuthorizationCode)
                ? null
                : "grant_types lists refresh_token without authorization_code, but the sandbox issues refresh tokens only "
                    + "with an authorization code; add authorization_code.";
        }

        if (grantTypes.Any(type => type != ClientCredentials))
            return "grant_types combines client_credentials with another grant type; register a backend service and a launching app separately.";

        return metadata.TokenEndpointAuthMethod == "private_key_jwt"
            ? null
            : "grant_types client_credentials needs token_endpoint_auth_method private_key_jwt, as SMART Backend Services requires.";
    }

    // The sandbox's authorization endpoint supports only response_type=code, the one SMART App
    // Launch uses. A backend service never uses the authorization endpoint, so it may also
    // register an empty list.
    private static string? FindResponseTypeProblem(ClientMetadata metadata)
    {
        if (metadata.ResponseTypes is not { } responseTypes)
            return null;

        if (responseTypes.Count == 0)
        {
            return metadata.GrantTypes?.Contains(ClientCredentials) == true
                ? null
                : "response_types is empty, but an app that uses authorization_code needs 'code'; send [\"code\"] or omit response_types.";
        }

        if (responseTypes.Contains(null))
            return "response_types contains null; send [\"code\"] or omit response_types.";

        if (responseTypes.FirstOrDefault(type => type != ResponseCode) is { } unsupported)
            return $"response_types contains '{unsupported}', which the sandbox does not support; send [\"code\"] or omit response_types.";

        return responseTypes.Count == 1
            ? null
            : "response_types lists 'code' more than once; send [\"code\"] or omit response_types.";
    }

    // The registry's messages start with or name SmartApp members, so the names are swapped
    // for the metadata names that the request used. "name" is swapped only where it starts a
    // message, because elsewhere it is the plain word.
    private static string ToMetadataNames(string message) =>
        MemberName().Replace(message, match => MetadataNames[match.Value]);

    private static AppKind? ChooseKind(ClientMetadata metadata)
    {
        var isBackend = metadata.GrantTypes?.Contains(ClientCredentials) == true;
        return metadata.TokenEndpointAuthMethod switch
        {
            null or "none" => AppKind.Public,
            "client_secret_basic" or "client_secret_post" => AppKind.ConfidentialSymmetric,
            "private_key_jwt" => isBackend ? AppKind.BackendService : AppKind.ConfidentialAsymmetric,
            _ => null,
        };
    }

    // RFC 7591 section 3.2.1 returns the registered metadata: a member without a value, such as
    // the secret of a public client, is left out instead of sent as null.
    private static readonly JsonSerializerOptions ResponseOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static ClientMetadata ToMetadata(SmartApp app, ClientMetadata requested, DateTimeOffset now) => requested with
    {
        ClientId = app.ClientId,
        ClientSecret = app.ClientSecret,
        ClientIdIssuedAt = now.ToUnixTimeSeconds(),
        ClientSecretExpiresAt = app.ClientSecret is null ? null : 0,
        TokenEndpointAuthMethod = requested.TokenEndpointAuthMethod ?? "none",
        GrantTypes = StoredGrantTypes(app),
    };

    // The grant types the stored app may use. RFC 7591 section 3.2.1 requires the response to
    // contain the registered metadata, also when the request left grant_types out.
    private static IReadOnlyList<string> StoredGrantTypes(SmartApp app)
    {
        if (app.Kind == AppKind.BackendService)
            return [ClientCredentials];

        return app.RefreshTokens ? [AuthorizationCode, RefreshToken] : [AuthorizationCode];
    }

    private static IResult Error(string error, string description) =>
        Results.Json(new Dictionary<string, string> { ["error"] = error, ["error_description"] = description }, statusCode: StatusCodes.Status400BadRequest);

    [GeneratedRegex(@"^name\b|\b(redirectUris|jwksUrl|logoUrl|scopes)\b")]
    private static partial Regex MemberName();
}
