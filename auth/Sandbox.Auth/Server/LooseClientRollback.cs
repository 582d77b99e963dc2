using Microsoft.AspNetCore;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using Sandbox.Auth.Apps;
using Sandbox.Auth.Journal;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server;

/// <summary>
/// Undoes what <see cref="LooseClientRegistration"/> did for an authorization request that ends
/// with an error, so loose mode keeps only the apps and redirect URIs of requests it accepted.
/// The registration has to happen before OpenIddict's checks, so that their errors are
/// redirected to the app. This handler runs once the error response is built.
/// </summary>
internal sealed class LooseClientRollback(AppRegistry apps, ILaunchJournal journal) : IOpenIddictServerHandler<ApplyAuthorizationResponseContext>
{
    /// <summary>
    /// The transaction property in which the registration keeps the app as it was before the
    /// request: a <see cref="SmartApp"/>, or <see cref="NotRegistered"/> for a new client.
    /// </summary>
    public const string PreviousAppProperty = ".sandbox_loose_client_previous";

    /// <summary>The value of <see cref="PreviousAppProperty"/> for a client the request registered.</summary>
    public static readonly object NotRegistered = new();

    // Runs after OpenIddict has chosen the redirect URI of the error, and before the ASP.NET Core
    // handlers that write the response and end the event.
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyAuthorizationResponseContext>()
            .UseSingletonHandler<LooseClientRollback>()
            .SetOrder(OpenIddictServerAspNetCoreHandlers.Authentication.ProcessSelfRedirection.Descriptor.Order - 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ApplyAuthorizationResponseContext context)
    {
        var clientId = context.Request?.ClientId;
        if (string.IsNullOrEmpty(context.Response.Error) || string.IsNullOrEmpty(clientId)
            || !context.Transaction.Properties.TryGetValue(PreviousAppProperty, out var previous))
        {
            return;
        }

        if (previous is SmartApp app)
            await apps.ReplaceAsync(app, context.CancellationToken);
        else
            await apps.DeleteAsync(clientId, context.CancellationToken);

        Log.LooseClientRolledBack(context.Logger, clientId, context.Response.Error);
        journal.Record(
            ILaunchJournal.KeyFor(context.Request!.GetParameter("launch")?.ToString(), clientId),
            "authorize",
            LaunchEventOutcome.Info,
            $"The request was rejected with '{context.Response.Error}', so loose mode did not keep client_id '{clientId}' or its new redirect URI.");
    }
}
