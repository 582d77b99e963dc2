using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server;

/// <summary>
/// Rejects a token request whose <c>code_verifier</c> is not 43 to 128 characters from the
/// unreserved set <c>[A-Za-z0-9-._~]</c> (RFC 7636 section 4.1). OpenIddict 7.9 only compares
/// the verifier's hash with the challenge, so a 10-character verifier with its own challenge
/// would pass.
/// </summary>
/// <remarks>
/// The error is <c>invalid_request</c>: RFC 6749 section 5.2 uses it for a malformed parameter,
/// and OpenIddict uses it for a missing verifier. RFC 7636 section 4.6 reserves
/// <c>invalid_grant</c> for a verifier that does not match the challenge, which only a
/// well-formed verifier can fail.
/// </remarks>
internal sealed class CodeVerifierFormatCheck : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    private const int MinLength = 43;
    private const int MaxLength = 128;

    // After the repeated-parameter check and before client authentication, so a malformed
    // verifier fails like any other malformed parameter.
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenRequestContext>()
            .UseSingletonHandler<CodeVerifierFormatCheck>()
            .SetOrder(OpenIddictServerHandlers.Exchange.ValidateGrantType.Descriptor.Order - 1_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        var verifier = context.Request.CodeVerifier;
        if (verifier is null)
            return default;

        var reason = FindProblem(verifier);
        if (reason is null)
            return default;

        Log.TokenRequestRejected(context.Logger, context.Request.ClientId, Errors.InvalidRequest, reason);
        context.Reject(Errors.InvalidRequest, reason);
        return default;
    }

    private static string? FindProblem(string verifier)
    {
        if (verifier.Length is < MinLength or > MaxLength)
        {
            return $"code_verifier is {verifier.Length} characters long; RFC 7636 section 4.1 requires "
                + $"{MinLength} to {MaxLength} characters. Generate it from 32 random bytes, base64url-encoded.";
        }

        return verifier.All(IsUnreserved)
            ? null
            : "code_verifier contains a character outside [A-Za-z0-9-._~], which RFC 7636 section 4.1 does not allow.";
    }

    private static bool IsUnreserved(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~';
}
