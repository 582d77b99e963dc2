using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using Sandbox.Auth.Apps;
using Sandbox.Auth.Journal;
using Sandbox.Auth.Server.Storage;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server;

/// <summary>
/// Applies the client assertion rules of SMART Backend Services that OpenIddict leaves out:
/// a <c>jti</c> is accepted once per client while its assertion could still pass validation
/// (recorded in the data folder's database, so a restart keeps the record),
/// <c>exp</c> is at most five minutes ahead, <c>nbf</c> and <c>iat</c> are not in the future,
/// and a <c>jku</c> header must name the app's registered JWKS URL.
/// </summary>
internal sealed class ClientAssertionReplayGuard(
    AppRegistry apps,
    AuthDatabase database,
    TimeProvider timeProvider) : IOpenIddictServerHandler<ProcessAuthenticationContext>
{
    private static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(5);

    private readonly UsedAssertionIds _usedIds = new(database, timeProvider);

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
            .UseSingletonHandler<ClientAssertionReplayGuard>()
            .SetOrder(OpenIddictServerHandlers.ValidateClientId.Descriptor.Order - 2)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        var principal = context.ClientAssertionPrincipal;
        if (principal is null || context.ClientAssertion is null)
            return;

        // OpenIddict validated the assertion already, so it parses, and the key resolver has
        // usually parsed it before.
        var assertion = ClientAssertionToken.Read(context.Transaction, context.ClientAssertion);
        var clientId = principal.GetClaim(Claims.Issuer);
        var app = clientId is null ? null : await apps.FindAsync(clientId, context.CancellationToken);
        var reason = assertion is null
            ? "The client assertion is not a well-formed JWT."
            : ClientAssertionIdentity.FindProblem(assertion, principal, context.Request?.ClientId, app)
                ?? FindRejection(assertion, principal, clientId, app);
        if (reason is null)
            return;

        Log.ClientAssertionRejected(context.Logger, clientId, reason);
        context.Reject(Errors.InvalidClient, reason);
    }

    private string? FindRejection(JsonWebToken assertion, ClaimsPrincipal principal, string? clientId, SmartApp? app)
    {
        var now = timeProvider.GetUtcNow();
        var expiresAt = principal.GetExpirationDate();
        if (expiresAt is null)
            return "The client assertion has no exp claim.";

        if (expiresAt.Value - now > MaxLifetime + TimeSpan.FromSeconds(30))
            return "The client assertion's exp is more than five minutes ahead; SMART Backend Services allows at most five.";

        var timeRejection = FindFutureTimeRejection(assertion, now);
        if (timeRejection is not null)
            return timeRejection;

        var jkuRejection = FindJkuRejection(assertion, app);
        if (jkuRejection is not null)
            return jkuRejection;

        var jti = principal.GetClaim(Claims.JwtId);
        if (string.IsNullOrEmpty(jti))
            return "The client assertion has no jti claim.";

        // Token validation accepts an assertion until the clock skew has passed after its exp.
        // The id is kept as long, because dropping it at exp would let a replay through.
        var keepUntil = expiresAt.Value + ClientAssertionValidationWidener.MaxClockSkew;
        return _usedIds.TryUse(clientId ?? "", jti, keepUntil)
            ? null
            : $"The client assertion jti '{jti}' was used before; sign a new assertion for each token request.";
    }

    // RFC 7519 forbids accepting a JWT before its nbf. An iat in the future means the client's
    // clock is wrong. Both checks allow the clock skew that exp gets.
    private static string? FindFutureTimeRejection(JsonWebToken assertion, DateTimeOffset now)
    {
        var latest = now.ToUnixTimeSeconds() + (long)ClientAssertionValidationWidener.MaxClockSkew.TotalSeconds;
        foreach (var claim in (string[])[Claims.NotBefore, Claims.IssuedAt])
        {
            if (!assertion.TryGetClaim(claim, out _))
                continue;

            if (!assertion.TryGetPayloadValue<long>(claim, out var seconds))
                return $"The client assertion's {claim} claim is not a NumericDate (whole seconds since 1970).";

            if (seconds > latest)
                return $"The client assertion's {claim} is in the future; check the client's clock.";
        }

        return null;
    }

    private static string? FindJkuRejection(JsonWebToken assertion, SmartApp? app)
    {
        if (!assertion.TryGetHeaderValue<string>("jku", out var jku))
            return null;

        return app?.JwksUrl is not null && string.Equals(app.JwksUrl, jku, StringComparison.Ordinal)
            ? null
            : $"The client assertion's jku header '{jku}' is not the JWKS URL registered for the app.";
    }
}
