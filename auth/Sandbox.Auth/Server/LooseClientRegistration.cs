using Microsoft.Extensions.Logging;
using OpenIddict.Server;
using Sandbox.Auth.Apps;
using Sandbox.Auth.Journal;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server;

/// <summary>
/// Registers an unknown client as a public app with the redirect URI it sends, before
/// OpenIddict looks the client up, when loose mode is on. Registered apps are never touched.
/// </summary>
internal sealed class LooseClientRegistration(
    AppRegistry apps,
    LooseClientPolicy policy,
    ILaunchJournal journal) : IOpenIddictServerHandler<ProcessAuthenticationContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
            .UseSingletonHandler<LooseClientRegistration>()
            .SetOrder(OpenIddictServerHandlers.ValidateClientId.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        if (context.EndpointType != OpenIddictServerEndpointType.Authorization)
            return;

        var clientId = context.Request.ClientId;
        var redirectUri = context.Request.RedirectUri;
        if (string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(redirectUri) || !policy.IsEnabled)
            return;

        if (!Uri.TryCreate(redirectUri, UriKind.Absolute, out _))
            return;

        var existing = await apps.FindAsync(clientId, context.CancellationToken);
        if (existing is { IsLoose: true } && !existing.RedirectUris.Contains(redirectUri))
        {
            // A loose app may try several redirect URIs; registered apps stay strict.
            await apps.ReplaceAsync(existing with { RedirectUris = [.. existing.RedirectUris, redirectUri] }, context.CancellationToken);
            return;
        }

        if (existing is not null)
            return;

        var app = new SmartApp
        {
            ClientId = clientId,
            Name = $"Unregistered app {clientId}",
            RedirectUris = [redirectUri],
            IsLoose = true,
            Pkce = PkcePolicy.Optional,
        };
        try
        {
            await apps.RegisterAsync(app, context.CancellationToken);
        }
        catch (AppRegistrationException exception) when (exception.IsConflict)
        {
            // Another request registered the same client a moment ago.
        }
        catch (AppRegistrationException)
        {
            // A client id or redirect URI that no app may register with, so OpenIddict then
            // rejects the request as an unknown client.
            return;
        }

        Log.LooseClientAccepted(context.Logger, clientId);
        journal.Record(
            ILaunchJournal.KeyFor(context.Request.GetParameter("launch")?.ToString(), clientId),
            "authorize",
            LaunchEventOutcome.Info,
            $"client_id '{clientId}' is not registered; loose mode accepted it as a public client with redirect URI '{redirectUri}'.");
    }
}
