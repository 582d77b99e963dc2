using System.Security.Claims;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sandbox.Auth.Apps;

/// <summary>
/// Rejects the access tokens of an app that loose mode accepted, whenever loose mode is off.
/// Such a token stays signed and unexpired after a restart, so without this check it would keep
/// working on <c>/fhir</c> where the app itself is now rejected as unknown.
/// </summary>
internal sealed class LooseAppTokenCheck(AppRegistry apps, LooseClientPolicy policy)
{
    /// <summary>
    /// Returns the reason to reject a token issued to <paramref name="principal"/>'s client, or
    /// null when the client is registered or loose mode is on. The app lookup is a dictionary
    /// read, and the policy is read only for a loose app.
    /// </summary>
    public async ValueTask<string?> FindRejectionAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var clientId = principal.GetClaim(Claims.ClientId) ?? principal.GetPresenters().FirstOrDefault();
        if (string.IsNullOrEmpty(clientId))
            return null;

        var app = await apps.FindAsync(clientId, cancellationToken);
        if (app is not { IsLoose: true } || policy.IsEnabled)
            return null;

        return $"The token was issued to client_id '{clientId}', which loose mode accepted without a registration, "
            + "and loose mode is off now. Register the app (POST /api/apps) and authorize again.";
    }
}
