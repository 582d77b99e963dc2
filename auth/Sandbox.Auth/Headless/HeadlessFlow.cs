using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.Tokens;
using Sandbox.Auth.Apps;
using Sandbox.Smart;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sandbox.Auth.Headless;

/// <summary>
/// The two HTTP exchanges of one headless launch, sent as the app sends them. Requests carry the
/// caller's <c>Host</c>, so <c>aud</c>, the issuer and <c>fhirUser</c> match what the app would see.
/// </summary>
internal sealed class HeadlessFlow(HttpClient client, HttpRequest incoming, SmartApp app, string redirectUri, string launchId)
{
    private const string AuthorizeStep = "authorize";
    private const string TokenStep = "token";

    private readonly string _state = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));
    private readonly string _verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    /// <summary>Sends the authorization request and returns the code from the redirect to the app.</summary>
    public async Task<(string? Code, HeadlessLaunchFailure? Failure)> AuthorizeAsync(string scope, CancellationToken cancellationToken)
    {
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(_verifier)));
        var url = QueryHelpers.AddQueryString(AuthPaths.Authorize.TrimStart('/'), new Dictionary<string, string?>
        {
            [Parameters.ResponseType] = ResponseTypes.Code,
            [Parameters.ClientId] = app.ClientId,
            [Parameters.RedirectUri] = redirectUri,
            [Parameters.Scope] = scope,
            [Parameters.State] = _state,
            [SmartParameters.Aud] = SandboxUrls.FhirBase(incoming),
            [SmartParameters.Launch] = launchId,
            [Parameters.CodeChallenge] = challenge,
            [Parameters.CodeChallengeMethod] = CodeChallengeMethods.Sha256,
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Host = incoming.Host.Value;
        using var response = await client.SendAsync(request, cancellationToken);

        var location = response.Headers.Location;
        if (response.StatusCode != HttpStatusCode.Redirect || location is null || !location.IsAbsoluteUri
            || !location.AbsoluteUri.StartsWith(redirectUri, StringComparison.Ordinal))
        {
            return (null, await DescribeAuthorizeStopAsync(response, cancellationToken));
        }

        var query = QueryHelpers.ParseQuery(location.Query);
        if (query.TryGetValue(Parameters.Error, out var error))
            return (null, OAuthFailure(AuthorizeStep, error.ToString(), query.GetValueOrDefault(Parameters.ErrorDescription).ToString()));

        if (query.GetValueOrDefault(Parameters.State).ToString() != _state)
            return (null, new HeadlessLaunchFailure(StatusCodes.Status422UnprocessableEntity, "The authorize endpoint returned a different state.", Step: AuthorizeStep));

        return (query.GetValueOrDefault(Parameters.Code).ToString(), null);
    }

    /// <summary>Redeems the code with the PKCE verifier, authenticating as the app does, and returns the token response.</summary>
    public async Task<(JsonObject? Token, HeadlessLaunchFailure? Failure)> RedeemAsync(string code, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string>
        {
            [Parameters.GrantType] = GrantTypes.AuthorizationCode,
            [Parameters.Code] = code,
            [Parameters.RedirectUri] = redirectUri,
            [Parameters.CodeVerifier] = _verifier,
            [Parameters.ClientId] = app.ClientId!,
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, AuthPaths.Token.TrimStart('/')) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Host = incoming.Host.Value;
        if (app.Kind == AppKind.ConfidentialSymmetric)
            request.Headers.Authorization = BasicCredentials(app.ClientId!, app.ClientSecret!);

        using var response = await client.SendAsync(request, cancellationToken);
        var body = await ReadJsonAsync(response, cancellationToken);
        if (response.IsSuccessStatusCode && body is not null)
            return (body, null);

        var error = body?[Parameters.Error]?.GetValue<string>() ?? Errors.ServerError;
        var description = body?[Parameters.ErrorDescription]?.GetValue<string>() ?? $"The token endpoint returned HTTP {(int)response.StatusCode}.";
        return (null, OAuthFailure(TokenStep, error, description));
    }

    // RFC 6749 section 2.3.1: client_id and secret are form-encoded before Basic encoding.
    private static AuthenticationHeaderValue BasicCredentials(string clientId, string secret)
    {
        var pair = $"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}";
        return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));
    }

    private static async Task<HeadlessLaunchFailure> DescribeAuthorizeStopAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var location = response.Headers.Location?.OriginalString;
        if (response.StatusCode == HttpStatusCode.Redirect && location is not null)
        {
            return new HeadlessLaunchFailure(StatusCodes.Status422UnprocessableEntity,
                $"The authorize endpoint asked for a page ({location.Split('?')[0]}) that a headless launch cannot show; give the patient (and user) so no picker or sign-in is needed.",
                Step: AuthorizeStep);
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!text.Contains("redirect_uri", StringComparison.Ordinal))
        {
            return new HeadlessLaunchFailure(StatusCodes.Status422UnprocessableEntity,
                $"The authorize endpoint returned HTTP {(int)response.StatusCode} without redirecting to the app.",
                Step: AuthorizeStep);
        }

        // RFC 6749 section 4.1.2.1: with a redirect URI it will not use, the server shows the
        // error to the user instead of redirecting, so the error is not in a redirect to read.
        return OAuthFailure(AuthorizeStep, Errors.InvalidRequest, UnusableRedirectUri);
    }

    private const string UnusableRedirectUri =
        "The redirect URI is not registered for the app, so the authorization server shows the error instead of redirecting to it.";

    private static HeadlessLaunchFailure OAuthFailure(string step, string error, string? description) =>
        new(StatusCodes.Status422UnprocessableEntity, $"The {step} endpoint returned {error}: {description}", error, description, step);

    private static async Task<JsonObject?> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken)) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
