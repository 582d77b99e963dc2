using System.Buffers.Text;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server;

/// <summary>
/// Checks the form of a validated client assertion's header and claims before OpenIddict's own
/// claim checks, which report a missing <c>exp</c> or <c>sub</c> or a null <c>jti</c> as
/// <c>invalid_request</c>, and reject an <c>aud</c> array:
/// <list type="bullet">
/// <item>The header must carry a <c>kid</c> and <c>typ: JWT</c>, which SMART App Launch 2.2
/// (client-confidential-asymmetric) requires. OpenIddict 7.9 accepts an assertion without either.</item>
/// <item><c>sub</c> must be present (RFC 7523 section 3).</item>
/// <item><c>jti</c>, when present, must be a JSON string (RFC 7519 section 4.1.7).
/// IdentityModel validates an assertion whose <c>jti</c> is a JSON null, and OpenIddict 7.9
/// then reports it as <c>invalid_request</c>. A number or an array already fails validation.
/// <see cref="ClientAssertionReplayGuard"/> rejects a missing <c>jti</c>.</item>
/// <item><c>exp</c> must be present and <c>exp</c>, <c>nbf</c> and <c>iat</c> must be JSON
/// numbers (RFC 7519 section 2, NumericDate). IdentityModel reads a string such as
/// <c>"1767225600"</c> as a number, so the raw payload is checked.</item>
/// <item>An <c>aud</c> array is allowed by RFC 7519 section 4.1.3, and IdentityModel accepts it
/// when one entry is a valid audience. OpenIddict 7.9 copies every entry into its private
/// audiences claim and, when that claim has more than one value, reports <c>aud</c> as
/// missing. The private claim is reduced to the token endpoint URL.</item>
/// </list>
/// Failures return <c>invalid_client</c>, as RFC 6749 section 5.2 requires for failed client
/// authentication.
/// </summary>
internal sealed class ClientAssertionClaimCheck : IOpenIddictServerHandler<ProcessAuthenticationContext>
{
    private static readonly string[] NumericDateClaims = [Claims.ExpiresAt, Claims.NotBefore, Claims.IssuedAt];

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
            .UseSingletonHandler<ClientAssertionClaimCheck>()
            .SetOrder(OpenIddictServerHandlers.ValidateClientAssertionWellknownClaims.Descriptor.Order - 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        if (context.ClientAssertionPrincipal is not { } principal || context.ClientAssertion is not { } assertion)
            return default;

        var reason = FindHeaderProblem(assertion) ?? FindClaimProblem(assertion);
        if (reason is not null)
        {
            Log.ClientAssertionRejected(context.Logger, principal.GetClaim(Claims.Issuer), reason);
            context.Reject(Errors.InvalidClient, reason);
            return default;
        }

        KeepOwnAudience(context, principal);
        return default;
    }

    // Only a signed JWT (three segments) has a readable header and payload. OpenIddict has
    // already rejected a malformed one.
    private static string? FindHeaderProblem(string assertion)
    {
        var segments = assertion.Split('.');
        if (segments.Length != 3)
            return null;

        using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(segments[0]));
        var root = header.RootElement;
        if (!root.TryGetProperty(JwtHeaderParameterNames.Kid, out var kid) || kid.ValueKind != JsonValueKind.String || kid.GetString() is "")
            return "The client assertion's header has no kid; SMART App Launch requires the kid of the key that signed it.";

        if (!root.TryGetProperty(JwtHeaderParameterNames.Typ, out var typ) || typ.ValueKind != JsonValueKind.String)
            return "The client assertion's header has no typ; SMART App Launch requires typ 'JWT'.";

        return string.Equals(typ.GetString(), JwtConstants.HeaderType, StringComparison.OrdinalIgnoreCase)
            ? null
            : $"The client assertion's header has typ '{typ.GetString()}'; SMART App Launch requires typ 'JWT'.";
    }

    private static string? FindClaimProblem(string assertion)
    {
        var segments = assertion.Split('.');
        if (segments.Length != 3)
            return null;

        using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(segments[1]));
        var root = payload.RootElement;
        if (!root.TryGetProperty(Claims.Subject, out var subject) || subject.ValueKind != JsonValueKind.String)
            return "The client assertion has no sub claim; RFC 7523 section 3 requires one, set to the client_id.";

        if (!root.TryGetProperty(Claims.ExpiresAt, out _))
            return "The client assertion has no exp claim; RFC 7523 section 3 requires one, at most five minutes ahead.";

        foreach (var claim in NumericDateClaims)
        {
            if (root.TryGetProperty(claim, out var value) && value.ValueKind != JsonValueKind.Number)
            {
                return $"The client assertion's {claim} claim is a JSON {value.ValueKind.ToString().ToLowerInvariant()}, not a NumericDate; "
                    + "send it as a JSON number of seconds since 1970-01-01T00:00:00Z.";
            }
        }

        if (root.TryGetProperty(Claims.JwtId, out var jti) && jti.ValueKind != JsonValueKind.String)
        {
            return $"The client assertion's jti claim is a JSON {jti.ValueKind.ToString().ToLowerInvariant()}, not a string; "
                + "send a new unique string for each token request.";
        }

        return null;
    }

    // The aud claim keeps every entry, and only OpenIddict's copy is reduced.
    // ClientAssertionAudienceCheck has rejected an array without the token endpoint URL.
    private static void KeepOwnAudience(ProcessAuthenticationContext context, ClaimsPrincipal principal)
    {
        var audiences = principal.GetClaims(Claims.Audience);
        if (audiences.Length < 2 || context.BaseUri is null)
            return;

        var tokenUrl = ClientAssertionValidationWidener.TokenEndpointUrl(context.BaseUri);
        var own = audiences.FirstOrDefault(audience => SameUrl(audience, tokenUrl));
        if (own is not null)
            principal.SetAudiences(own);
    }

    private static bool SameUrl(string left, string right) =>
        string.Equals(left.TrimEnd('/'), right.TrimEnd('/'), StringComparison.Ordinal);
}
