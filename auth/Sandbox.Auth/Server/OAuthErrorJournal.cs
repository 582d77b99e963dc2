using Microsoft.AspNetCore;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using Sandbox.Auth.Journal;
using Sandbox.Smart;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server;

/// <summary>
/// Records every OAuth error the authorize and token endpoints return in the launch journal,
/// whether OpenIddict or the sandbox raised it, so the inspector can show the reason.
/// </summary>
internal sealed class OAuthErrorJournal(ILaunchJournal journal) :
    IOpenIddictServerHandler<ApplyAuthorizationResponseContext>,
    IOpenIddictServerHandler<ApplyTokenResponseContext>
{
    /// <summary>The <c>HttpContext.Items</c> key under which endpoints leave the launch id they resolved.</summary>
    public const string LaunchItem = "sandbox_launch_id";

    public static OpenIddictServerHandlerDescriptor AuthorizationDescriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyAuthorizationResponseContext>()
            .UseSingletonHandler<OAuthErrorJournal>()
            .SetOrder(int.MinValue + 100_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    // Runs after OpenIddict has turned internal errors such as invalid_token into the public
    // error and ClientAssertionErrors has turned client assertion failures into invalid_client,
    // so the journal records the error the client receives. Runs before the response is written.
    public static OpenIddictServerHandlerDescriptor TokenDescriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyTokenResponseContext>()
            .UseSingletonHandler<OAuthErrorJournal>()
            .SetOrder(ClientAssertionErrors.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ApplyAuthorizationResponseContext context)
    {
        // The authorize endpoint leaves the journal key it resolved, which names a standalone
        // flow too. Errors that OpenIddict raises before the endpoint runs have none.
        var items = context.Transaction.GetHttpRequest()?.HttpContext.Items;
        var key = items?.TryGetValue(AuthorizeJournalKey.ItemKey, out var value) == true ? value as string : null;
        Record(context.Request, context.Response, key ?? context.Request?.GetParameter(SmartParameters.Launch)?.ToString(), "authorize");
        return default;
    }

    public ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        Record(context.Request, context.Response, LaunchIdOf(context), "token");
        return default;
    }

    /// <summary>Returns the launch id or journal key the token endpoint left in <see cref="LaunchItem"/>, or null.</summary>
    public static string? LaunchIdOf(ApplyTokenResponseContext context)
    {
        var items = context.Transaction.GetHttpRequest()?.HttpContext.Items;
        return items?.TryGetValue(LaunchItem, out var value) == true ? value as string : null;
    }

    private void Record(
        OpenIddictRequest? request,
        OpenIddictResponse response,
        string? launchId,
        string step)
    {
        if (string.IsNullOrEmpty(response.Error))
            return;

        var key = ILaunchJournal.KeyFor(launchId, request?.ClientId);
        // A failure that no flow can be matched to goes to the client's journal, which names
        // the client so that the inspector lists the app and not an unknown one.
        if (launchId is null)
            journal.Begin(key, LaunchKind.Unknown, request?.ClientId);

        journal.Record(key, step, LaunchEventOutcome.Failed, $"{response.Error}: {response.ErrorDescription}");
    }
}
