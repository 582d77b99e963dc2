using Microsoft.Extensions.Logging;
using OpenIddict.Server;
using Sandbox.Auth.Apps;
using Sandbox.Auth.Journal;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server;

/// <summary>
/// Registers an unknown client as a public app with the redirect URI it sends, when loose mode
/// is on. It runs before OpenIddict's first check of an authorization request, so that an error
/// raised by any later check can be redirected to the app, and <see cref="LooseClientRollback"/>
/// removes the app again when the request ends with an error. Registered apps are never touched.
/// </summary>
internal sealed class LooseClientRegistration(
    AppRegistry apps,
    LooseClientPolicy policy,
    ILaunchJournal journal) : IOpenIddictServerHandler<ValidateAuthorizationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateAuthorizationRequestContext>()
            .UseSingletonHandler<LooseClientRegistration>()
            .SetOrder(OpenIddictServerHandlers.Authentication.ValidateRequestParameter.Descriptor.Order - 1_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ValidateAuthorizationRequestContext context)
    {
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
            await AddRedirectUriAsync(context, existing, redirectUri);
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
        };
        try
        {
            await apps.RegisterAsync(app, context.CancellationToken);
        }
        catch (AppRegistrationException exception) when (exception.IsConflict)
        {
            // Another request registered the same client a moment ago.
        }
        catch (AppRegistrationException exception)
        {
            // A client id or redirect URI that no app may register with, so OpenIddict then
            // rejects the request as an unknown client.
            Log.LooseClientRejected(context.Logger, clientId, exception.Message);
            return;
        }

        context.Transaction.Properties[LooseClientRollback.PreviousAppProperty] = LooseClientRollback.NotRegistered;
        Log.LooseClientAccepted(context.Logger, clientId);
        journal.Record(
            ILaunchJournal.KeyFor(context.Request.GetParameter("launch")?.ToString(), clientId),
            "authorize",
            LaunchEventOutcome.Info,
            $"client_id '{clientId}' is not registered; loose mode accepted it as a public client with redirect URI '{redirectUri}'.");
    }

    // A redirect URI that no app may register is left out, and the authorize endpoint then
    // shows the error page that names the problem.
    private async Task AddRedirectUriAsync(ValidateAuthorizationRequestContext context, SmartApp existing, string redirectUri)
    {
        try
        {
            await apps.ReplaceAsync(existing with { RedirectUris = [.. existing.RedirectUris, redirectUri] }, context.CancellationToken);
            context.Transaction.Properties[LooseClientRollback.PreviousAppProperty] = existing;
        }
        catch (AppRegistrationException exception)
        {
            Log.LooseClientRejected(context.Logger, existing.ClientId!, exception.Message);
        }
    }
}
