using Microsoft.IdentityModel.JsonWebTokens;
using OpenIddict.Server;

namespace Sandbox.Auth.Server;

/// <summary>
/// The client assertion of a token request parsed once and kept in the OpenIddict transaction,
/// so that the key resolver and the replay guard do not each parse it again.
/// </summary>
internal static class ClientAssertionToken
{
    private const string PropertyName = ".sandbox_client_assertion";

    /// <summary>
    /// Returns the parsed assertion, parsing and storing it on first use. Returns null when the
    /// text is not a well-formed JWT.
    /// </summary>
    public static JsonWebToken? Read(OpenIddictServerTransaction transaction, string assertion)
    {
        if (transaction.Properties.TryGetValue(PropertyName, out var stored)
            && stored is JsonWebToken parsed
            && string.Equals(parsed.EncodedToken, assertion, StringComparison.Ordinal))
        {
            return parsed;
        }

        try
        {
            parsed = new JsonWebToken(assertion);
        }
        catch (ArgumentException)
        {
            return null;
        }

        transaction.Properties[PropertyName] = parsed;
        return parsed;
    }
}
