using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server;

/// <summary>
/// Rejects a client assertion whose <c>aud</c> is not the token endpoint URL with 401
/// <c>invalid_client</c> and a description that names the URL to send. SMART App Launch 2.2
/// (client-confidential-asymmetric and Backend Services) sets <c>aud</c> to the token endpoint
/// URL. OpenIddict 7.9 also accepts the issuer, and reports any other mismatch with a generic
/// message that names no URL.
/// </summary>
/// <remarks>
/// The issuer is rejected because an app that sends it here would fail at servers that follow
/// SMART. The token endpoint URL is also the only value accepted at the introspection and
/// revocation endpoints, and the URL of the endpoint that receives the request is rejected.
/// draft-ietf-oauth-rfc7523bis narrows the audience values of such assertions to close a
/// security hole, so widening them here would teach clients a form that other servers reject.
/// </remarks>
internal sealed class ClientAssertionAudienceCheck : IOpenIddictServerHandler<ValidateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
            .UseSingletonHandler<ClientAssertionAudienceCheck>()
            .SetOrder(ClientAssertionIdentityCheck.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ValidateTokenContext context)
    {
        if (!ClientAssertionValidationWidener.IsClientAssertion(context)
            || string.IsNullOrEmpty(context.Token)
            || context.BaseUri is null)
        {
            return default;
        }

        // A malformed assertion, or one without aud, is left to the checks that name that problem.
        // JsonWebToken.Audiences reads aud as a string or an array (RFC 7519 section 4.1.3).
        var assertion = ClientAssertionToken.Read(context.Transaction, context.Token);
        var sent = assertion?.Audiences.ToList() ?? [];
        var tokenUrl = ClientAssertionValidationWidener.TokenEndpointUrl(context.BaseUri);
        if (sent.Count == 0 || sent.Any(value => SameUrl(value, tokenUrl)))
            return default;

        var issuer = (context.Options.Issuer ?? context.BaseUri).AbsoluteUri;
        var reason = Describe(sent, tokenUrl, issuer);
        Log.ClientAssertionRejected(context.Logger, assertion!.Issuer, reason);
        context.Reject(Errors.InvalidClient, reason);
        return default;
    }

    private static string Describe(List<string> sent, string tokenUrl, string issuer)
    {
        var values = string.Join(", ", sent.Select(value => $"'{value}'"));
        var problem = sent.Any(value => SameUrl(value, issuer))
            ? $"The client assertion's aud {values} is the issuer, not the token endpoint URL."
            : $"The client assertion's aud {values} is not the token endpoint URL.";
        return $"{problem} SMART App Launch 2.2 requires aud to be the token endpoint URL, so set aud to "
            + $"'{tokenUrl}', at the introspection and revocation endpoints too.";
    }

    // IdentityModel ignores a trailing slash when it compares audiences, so this check does too.
    private static bool SameUrl(string left, string right) =>
        string.Equals(left.TrimEnd('/'), right.TrimEnd('/'), StringComparison.Ordinal);
}
