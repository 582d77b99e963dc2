using System.Collections.Concurrent;
using Microsoft.IdentityModel.JsonWebTokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using Sandbox.Auth.Apps;
using Sandbox.Auth.Journal;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server;

/// <summary>
/// Applies the client assertion rules of SMART Backend Services that OpenIddict leaves out:
/// a <c>jti</c> is accepted once per client until the assertion expires, <c>exp</c> is at most
/// five minutes ahead, and a <c>jku</c> header must name the app's registered JWKS URL.
/// </summary>
internal sealed class ClientAssertionReplayGuard(
    AppRegistry apps,
    TimeProvider timeProvider) : IOpenIddictServerHandler<ProcessAuthenticationContext>
{
    private static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);

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

        var clientId = principal.GetClaim(Claims.Issuer);
        var app = clientId is null ? null : await apps.FindAsync(clientId, context.CancellationToken);
        var reason = ClientAssertionIdentity.FindProblem(context.ClientAssertion, principal, context.Request?.ClientId, app)
            ?? await FindRejectionAsync(context.ClientAssertion, principal, clientId, context.CancellationToken);
        if (reason is null)
            return;

        Log.ClientAssertionRejected(context.Logger, clientId, reason);
        context.Reject(Errors.InvalidClient, reason);
    }

    private async Task<string?> FindRejectionAsync(
        string assertion,
        System.Security.Claims.ClaimsPrincipal principal,
        string? clientId,
        CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var expiresAt = principal.GetExpirationDate();
        if (expiresAt is null)
            return "The client assertion has no exp claim.";

        if (expiresAt.Value - now > MaxLifetime + TimeSpan.FromSeconds(30))
            return "The client assertion's exp is more than five minutes ahead; SMART Backend Services allows at most five.";

        var jkuRejection = await FindJkuRejectionAsync(assertion, clientId, cancellationToken);
        if (jkuRejection is not null)
            return jkuRejection;

        var jti = principal.GetClaim(Claims.JwtId);
        if (string.IsNullOrEmpty(jti))
            return "The client assertion has no jti claim.";

        Prune(now);
        return _seen.TryAdd($"{clientId}\n{jti}", expiresAt.Value)
            ? null
            : $"The client assertion jti '{jti}' was used before; sign a new assertion for each token request.";
    }

    private async Task<string?> FindJkuRejectionAsync(string assertion, string? clientId, CancellationToken cancellationToken)
    {
        var token = new JsonWebToken(assertion);
        if (!token.TryGetHeaderValue<string>("jku", out var jku))
            return null;

        var app = clientId is null ? null : await apps.FindAsync(clientId, cancellationToken);
        return app?.JwksUrl is not null && string.Equals(app.JwksUrl, jku, StringComparison.Ordinal)
            ? null
            : $"The client assertion's jku header '{jku}' is not the JWKS URL registered for the app.";
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, expiresAt) in _seen)
        {
            if (expiresAt < now)
                _seen.TryRemove(key, out _);
        }
    }
}
