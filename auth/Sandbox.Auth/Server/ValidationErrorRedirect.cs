using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server;

/// <summary>
/// Sends the errors of OpenIddict's authorization request validation back to the app's
/// redirect URI when the client and that URI were verified, as RFC 6749 section 4.1.2.1 and
/// SMART require. OpenIddict 7.9 redirects none of them: its <c>AttachRedirectUri</c> handler
/// skips every request its validation rejected, even when the failed check (response_type,
/// response_mode, prompt, PKCE parameters, request objects) does not involve the client.
/// </summary>
internal sealed class ValidationErrorRedirect(AuthorizeRedirectVerifier verifier) : IOpenIddictServerHandler<ApplyAuthorizationResponseContext>
{
    // Runs after OpenIddict has inferred the response mode (which it leaves empty without a
    // redirect URI), and before it attaches state and iss, so both reach the app.
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyAuthorizationResponseContext>()
            .UseSingletonHandler<ValidationErrorRedirect>()
            .SetOrder(OpenIddictServerHandlers.Authentication.InferResponseMode.Descriptor.Order + 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ApplyAuthorizationResponseContext context)
    {
        var request = context.Request;
        if (request is null || string.IsNullOrEmpty(context.Response.Error))
            return;

        NormalizeRequestUriError(request, context.Response);
        if (!string.IsNullOrEmpty(context.RedirectUri))
            return;

        var check = await verifier.CheckAsync(request, context.CancellationToken);
        if (!check.IsVerified)
            return;

        context.RedirectUri = request.RedirectUri;
        context.ResponseMode = ChooseResponseMode(request);
    }

    // OpenIddict 7.9 reports a request_uri of its own pushed-request form
    // (urn:ietf:params:oauth:request_uri:...) that it cannot resolve as invalid_token, which is
    // no authorization endpoint error, and any other request_uri as request_uri_not_supported.
    // The sandbox resolves none, so both get invalid_request_uri, the code that RFC 9101
    // section 6.2 and OpenID Connect Core 1.0 section 3.1.2.6 give an unusable request_uri.
    private static void NormalizeRequestUriError(OpenIddictRequest request, OpenIddictResponse response)
    {
        if (response.Error is not (Errors.InvalidToken or Errors.RequestUriNotSupported) || string.IsNullOrEmpty(request.RequestUri))
            return;

        response.Error = Errors.InvalidRequestUri;
        response.ErrorDescription = $"The request_uri '{request.RequestUri}' is invalid: the sandbox has no pushed authorization "
            + "request endpoint, so send the parameters in the authorization request itself.";
        response.ErrorUri = null;
    }

    // Keeps a response mode OpenIddict's ASP.NET Core host can deliver. An unsupported or missing
    // response_mode falls back to the default that OpenIddict's InferResponseMode picks: fragment
    // when the response type requests a token or id_token directly, else query.
    private static string ChooseResponseMode(OpenIddictRequest request)
    {
        if (request.ResponseMode is ResponseModes.Query or ResponseModes.Fragment or ResponseModes.FormPost)
            return request.ResponseMode;

        return request.HasResponseType(ResponseTypes.Token) || request.HasResponseType(ResponseTypes.IdToken)
            ? ResponseModes.Fragment
            : ResponseModes.Query;
    }
}
