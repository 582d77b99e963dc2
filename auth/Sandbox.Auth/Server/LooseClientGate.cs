using OpenIddict.Server;
using Sandbox.Auth.Apps;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server;

/// <summary>
/// Rejects an app that loose mode registered, with <c>invalid_client</c> as for an unknown
/// client, whenever loose mode is off. Such apps stay in the store, so a sandbox that loose
/// mode served on loopback and that restarts on a network address would otherwise keep
/// accepting them. It runs in OpenIddict's client authentication, which the authorize, token,
/// revocation and introspection endpoints share.
/// </summary>
/// <remarks>
/// <c>/fhir</c> rejects the access tokens issued to a loose app through <see cref="LooseAppTokenCheck"/>.
/// </remarks>
internal sealed class LooseClientGate(AppRegistry apps, LooseClientPolicy policy) : IOpenIddictServerHandler<ProcessAuthenticationContext>
{
    // Runs after OpenIddict has found the client, so an unknown client keeps OpenIddict's error.
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
            .UseSingletonHandler<LooseClientGate>()
            .SetOrder(OpenIddictServerHandlers.ValidateClientId.Descriptor.Order + 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        var clientId = context.ClientId ?? context.Request?.ClientId;
        if (string.IsNullOrEmpty(clientId))
            return;

        // The app lookup is a dictionary read, and the policy is read only for a loose app.
        var app = await apps.FindAsync(clientId, context.CancellationToken);
        if (app is not { IsLoose: true } || policy.IsEnabled)
            return;

        Log.LooseAppRejected(context.Logger, clientId);
        context.Reject(Errors.InvalidClient, Describe(clientId));
    }

    /// <summary>Returns the error description for a loose app while loose mode is off.</summary>
    public static string Describe(string clientId) =>
        $"The client_id '{clientId}' was accepted by loose mode without a registration, and loose mode is off now "
        + "(Auth:LooseClients is Off, or Auto while the sandbox listens on a non-loopback address), so it is rejected like an unknown app. "
        + "Register the app (POST /api/apps) or set Auth:LooseClients to On.";
}
