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
internal sealed class OAuthErrorJournal(ILaunchJournal journal, AuthorizeRedirectVerifier verifier) :
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

    public async ValueTask HandleAsync(ApplyAuthorizationResponseContext context)
    {
        if (string.IsNullOrEmpty(context.Response.Error))
            return;

        // The authorize endpoint leaves the journal key it resolved, which names a standalone
        // flow too. Errors that OpenIddict raises before the endpoint runs have none.
        var items = context.Transaction.GetHttpRequest()?.HttpContext.Items;
        var key = items?.TryGetValue(AuthorizeJournalKey.ItemKey, out var value) == true ? value as string : null;
        var launchId = key ?? context.Request?.GetParameter(SmartParameters.Launch)?.ToString();
        var (error, description) = await DescribeAuthorizationErrorAsync(context);
        Record(context.Request?.ClientId, error, description, launchId, "authorize");
    }

    public ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        var response = context.Response;
        if (!string.IsNullOrEmpty(response.Error))
            Record(ClientIdOf(context), response.Error, response.ErrorDescription, LaunchIdOf(context), "token");

        return default;
    }

    // An error that cannot be redirected, such as an unregistered redirect_uri, is shown on the
    // error page with the verifier's reason, which names the registered values. OpenIddict's own
    // description ("The specified 'redirect_uri' is not valid for this client application.")
    // does not, so the journal records what the page shows.
    private async Task<(string Error, string? Description)> DescribeAuthorizationErrorAsync(ApplyAuthorizationResponseContext context)
    {
        var response = context.Response;
        if (context.Request is null)
            return (response.Error!, response.ErrorDescription);

        var check = await verifier.CheckAsync(context.Request, context.CancellationToken);
        return check.IsVerified
            ? (response.Error!, response.ErrorDescription)
            : (check.Error!, check.Reason);
    }

    // SMART Backend Services sends no client_id: the client assertion's iss names the client.
    // The iss is read without checking the signature, because a rejected assertion belongs in
    // the journal of the app it claims to come from, as the log line names it.
    private static string? ClientIdOf(ApplyTokenResponseContext context)
    {
        var request = context.Request;
        if (!string.IsNullOrEmpty(request?.ClientId) || string.IsNullOrEmpty(request?.ClientAssertion))
            return request?.ClientId;

        var issuer = ClientAssertionToken.Read(context.Transaction, request.ClientAssertion)?.Issuer;
        return string.IsNullOrEmpty(issuer) ? null : issuer;
    }

    /// <summary>Returns the launch id or journal key the token endpoint left in <see cref="LaunchItem"/>, or null.</summary>
    public static string? LaunchIdOf(ApplyTokenResponseContext context)
    {
        var items = context.Transaction.GetHttpRequest()?.HttpContext.Items;
        return items?.TryGetValue(LaunchItem, out var value) == true ? value as string : null;
    }

    private void Record(
        string? clientId,
        string error,
        string? description,
        string? launchId,
        string step)
    {
        var key = ILaunchJournal.KeyFor(launchId, clientId);
        // A failure that no flow can be matched to goes to the client's journal, which names
        // the client so that the inspector lists the app and not an unknown one.
        if (launchId is null)
            journal.Begin(key, LaunchKind.Unknown, clientId);

        journal.Record(key, step, LaunchEventOutcome.Failed, $"{error}: {description}");
    }
}
