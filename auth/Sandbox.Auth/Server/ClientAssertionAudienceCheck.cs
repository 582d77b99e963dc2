using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server;

/// <summary>
/// Rejects a client assertion whose <c>aud</c> names neither the token endpoint URL nor the
/// issuer with 401 <c>invalid_client</c> and a description that lists both accepted values.
/// OpenIddict 7.9 reports the mismatch with a generic message that names no URL.
/// </summary>
/// <remarks>
/// The same two values are accepted at the introspection and revocation endpoints, and the URL
/// of the endpoint that receives the request is not. SMART Backend Services sets <c>aud</c> to
/// the token endpoint URL, and draft-ietf-oauth-rfc7523bis narrows the audience values of such
/// assertions to close a security hole, so widening them here would teach clients a form that
/// other servers reject.
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
            || context.ValidAudiences.Count == 0)
        {
            return default;
        }

        // A malformed assertion, or one without aud, is left to the checks that name that problem.
        // JsonWebToken.Audiences reads aud as a string or an array (RFC 7519 section 4.1.3).
        var assertion = ClientAssertionToken.Read(context.Transaction, context.Token);
        var sent = assertion?.Audiences.ToList() ?? [];
        if (sent.Count == 0 || sent.Any(value => context.ValidAudiences.Any(valid => SameUrl(value, valid))))
            return default;

        // The issuer is accepted with and without its trailing slash, and is named once.
        var accepted = string.Join(" or ", context.ValidAudiences.DistinctBy(valid => valid.TrimEnd('/')).Select(valid => $"'{valid}'"));
        var reason = $"The client assertion's aud {string.Join(", ", sent.Select(value => $"'{value}'"))} " +
            $"names no accepted audience. Set aud to {accepted}: the token endpoint URL is expected " +
            "at every endpoint, the introspection and revocation endpoints included.";
        Log.ClientAssertionRejected(context.Logger, assertion!.Issuer, reason);
        context.Reject(Errors.InvalidClient, reason);
        return default;
    }

    // IdentityModel ignores a trailing slash when it compares audiences, so this check does too.
    private static bool SameUrl(string left, string right) =>
        string.Equals(left.TrimEnd('/'), right.TrimEnd('/'), StringComparison.Ordinal);
}
