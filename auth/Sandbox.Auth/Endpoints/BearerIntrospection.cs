using System.Collections.Immutable;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using OpenIddict.Abstractions;
using OpenIddict.Validation;
using Sandbox.Smart;
using Sandbox.Smart.Scopes;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sandbox.Auth.Endpoints;

/// <summary>
/// Introspects an access token for a caller that authenticates with a bearer token in the
/// <c>Authorization</c> header instead of client credentials. SMART App Launch 2.2 (token
/// introspection) requires a server that restricts introspection to accept an appropriately
/// scoped SMART app or backend service bearer token, and OpenIddict 7.9 accepts only client
/// authentication. The specification leaves the scope to the server: a bearer token with a
/// <c>system/</c> scope may introspect any access token, and any other access token only those
/// issued to its own client, as client authentication allows.
/// </summary>
internal sealed class BearerIntrospection(RequestDelegate next, OpenIddictValidationService validation, ILogger<BearerIntrospection> logger)
{
    private const string BearerPrefix = "Bearer ";

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var header = request.Headers[HeaderNames.Authorization].ToString();
        if (!request.Path.Equals(AuthPaths.Introspect) || !HttpMethods.IsPost(request.Method)
            || !header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        context.Response.Headers.CacheControl = "no-store";
        var caller = await ValidateAsync(header[BearerPrefix.Length..].Trim(), context.RequestAborted);
        if (caller is null || !caller.GetAudiences().Any(audience => SandboxUrls.IsFhirBase(request, audience)))
        {
            await WriteBearerErrorAsync(context, Errors.InvalidToken, "The bearer token in the Authorization header is invalid, expired or revoked.");
            return;
        }

        var token = await ReadTokenParameterAsync(context);
        if (token is null)
            return;

        var introspected = await ValidateAsync(token, context.RequestAborted);
        var active = introspected is not null && MayIntrospect(caller, introspected);
        Log.BearerIntrospection(logger, ClientOf(caller), active);
        await context.Response.WriteAsJsonAsync(active ? Describe(introspected!) : new JsonObject { ["active"] = false }, context.RequestAborted);
    }

    private async Task<ClaimsPrincipal?> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length == 0)
            return null;

        try
        {
            return await validation.ValidateAccessTokenAsync(token, cancellationToken);
        }
        catch (OpenIddictExceptions.ProtocolException)
        {
            return null;
        }
    }

    // RFC 7662 section 2.1: the token goes in a form parameter named token.
    private async Task<string?> ReadTokenParameterAsync(HttpContext context)
    {
        string? reason;
        try
        {
            var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
            var token = form?[Parameters.Token].ToString();
            if (!string.IsNullOrEmpty(token))
                return token;

            reason = "The mandatory 'token' parameter is missing; send it form-encoded in the request body.";
        }
        catch (InvalidDataException exception)
        {
            reason = Server.FormLimitCheck.DescribeInvalidForm(exception);
        }

        Log.BearerIntrospectionRejected(logger, Errors.InvalidRequest, reason);
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        await context.Response.WriteAsJsonAsync(new JsonObject { ["error"] = Errors.InvalidRequest, ["error_description"] = reason }, context.RequestAborted);
        return null;
    }

    private static bool MayIntrospect(ClaimsPrincipal caller, ClaimsPrincipal token)
    {
        var hasSystemScope = caller.GetScopes().Any(scope => ResourceScope.TryParse(scope, out var parsed) && parsed.Context == ScopeContext.System);
        return hasSystemScope || string.Equals(ClientOf(caller), ClientOf(token), StringComparison.Ordinal);
    }

    private static string? ClientOf(ClaimsPrincipal principal) =>
        principal.GetClaim(Claims.ClientId) ?? principal.GetPresenters().FirstOrDefault();

    // The members of RFC 7662 section 2.2 and those SMART's token introspection adds: fhirUser
    // and the launch context of the token response. They have the names and shapes of
    // OpenIddict 7.9's response to client authentication, so a caller gets the same response
    // either way. jti is the token's own jti claim and not OpenIddict's internal token id, nbf
    // is the creation time, and a single audience is a string.
    private static JsonObject Describe(ClaimsPrincipal token)
    {
        var created = token.GetCreationDate()?.ToUnixTimeSeconds();
        var response = new JsonObject
        {
            ["active"] = true,
            ["scope"] = string.Join(' ', token.GetScopes()),
            ["client_id"] = ClientOf(token),
            ["token_type"] = TokenTypes.Bearer,
            ["token_usage"] = TokenTypeHints.AccessToken,
            ["sub"] = token.GetClaim(Claims.Subject),
            ["iss"] = token.GetClaim(Claims.Issuer),
            ["aud"] = DescribeAudiences(token.GetAudiences()),
            ["jti"] = token.GetClaim(Claims.JwtId),
            ["exp"] = token.GetExpirationDate()?.ToUnixTimeSeconds(),
            ["iat"] = created,
            ["nbf"] = created,
        };
        if (token.GetClaim(SmartParameters.FhirUser) is { } fhirUser)
            response[SmartParameters.FhirUser] = fhirUser;

        foreach (var (name, value) in TokenPrincipals.ReadContext(token))
        {
            response[name] = value switch
            {
                bool flag => JsonValue.Create(flag),
                JsonElement json => JsonNode.Parse(json.GetRawText()),
                _ => JsonValue.Create((string)value),
            };
        }

        // OpenIddict leaves out a member without a value instead of sending null.
        foreach (var name in response.Where(member => member.Value is null).Select(member => member.Key).ToList())
            response.Remove(name);

        return response;
    }

    // RFC 7662 section 2.2 allows aud as a string or an array of strings.
    private static JsonNode? DescribeAudiences(ImmutableArray<string> audiences) => audiences.Length switch
    {
        0 => null,
        1 => JsonValue.Create(audiences[0]),
        _ => new JsonArray([.. audiences.Select(audience => JsonValue.Create(audience))]),
    };

    // RFC 7662 section 2.3 rejects a bearer token that is invalid or lacks privileges with 401,
    // as RFC 6750 section 3 describes.
    private async Task WriteBearerErrorAsync(HttpContext context, string error, string description)
    {
        Log.BearerIntrospectionRejected(logger, error, description);
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = $"Bearer error=\"{error}\", error_description=\"{description}\"";
        await context.Response.WriteAsJsonAsync(new JsonObject { ["error"] = error, ["error_description"] = description }, context.RequestAborted);
    }
}
