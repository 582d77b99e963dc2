using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Sandbox.Auth.Apps;
using Sandbox.Auth.Journal;
using Sandbox.Auth.Launches;

namespace Sandbox.Auth.Headless;

/// <summary>
/// Runs an EHR launch as the app would, over loopback HTTP against the sandbox's own authorize
/// and token endpoints: a launch with sign-in and consent skipped, an authorization request with
/// a PKCE S256 challenge, then the code redeemed with the verifier. Every check of those
/// endpoints applies, simulated errors included.
/// </summary>
internal sealed class HeadlessLauncher(
    AppRegistry apps,
    LaunchStore launches,
    ILaunchJournal journal,
    LaunchReferenceCheck check,
    IServer server,
    IHttpClientFactory httpClientFactory,
    ILogger<HeadlessLauncher> logger)
{
    /// <summary>The named HTTP client: no redirects followed and no cookies kept.</summary>
    public const string HttpClientName = "Sandbox.Auth.Headless";

    /// <summary>Runs the flow and returns the token response, or why it failed.</summary>
    public async Task<(JsonObject? Token, HeadlessLaunchFailure? Failure)> RunAsync(
        HeadlessLaunchRequest request,
        HttpRequest incoming,
        CancellationToken cancellationToken)
    {
        var (app, launchRequest, failure) = await ValidateAsync(request, cancellationToken);
        if (failure is not null)
            return (null, failure);

        var loopback = LoopbackAddress.Find(server, incoming.Scheme);
        if (loopback is null)
            return (null, new HeadlessLaunchFailure(StatusCodes.Status400BadRequest, $"The sandbox listens on no {incoming.Scheme} address it can call itself on; call this endpoint over a scheme it listens on."));

        var launch = launches.Create(launchRequest!, LaunchKind.Headless);
        journal.Record(launch.Id, "launch", LaunchEventOutcome.Info,
            $"Headless launch created for app '{request.ClientId}', user '{request.User ?? "none"}', patient '{launchRequest!.Patient ?? "none"}', "
            + $"encounter '{request.Encounter ?? "none"}'; the sandbox runs the authorization code flow itself, with PKCE S256.");
        using var client = httpClientFactory.CreateClient(HttpClientName);
        client.BaseAddress = new Uri(loopback, incoming.PathBase.Value + "/");
        var flow = new HeadlessFlow(client, incoming, app!, request.RedirectUri ?? app!.RedirectUris[0], launch.Id);

        var (code, authorizeFailure) = await flow.AuthorizeAsync(request.Scope, cancellationToken);
        if (authorizeFailure is not null)
            return Fail(request, launch.Id, authorizeFailure);

        var (token, tokenFailure) = await flow.RedeemAsync(code!, cancellationToken);
        if (tokenFailure is not null)
            return Fail(request, launch.Id, tokenFailure);

        Log.HeadlessLaunchCompleted(logger, launch.Id, request.ClientId);
        return (token, null);
    }

    private (JsonObject?, HeadlessLaunchFailure?) Fail(HeadlessLaunchRequest request, string launchId, HeadlessLaunchFailure failure)
    {
        Log.HeadlessLaunchFailed(logger, launchId, request.ClientId, failure.Step, failure.Error);
        return (null, failure with { Detail = $"{failure.Detail} The launch journal is at /api/launches/{launchId}/events." });
    }

    private async Task<(SmartApp?, LaunchRequest?, HeadlessLaunchFailure?)> ValidateAsync(HeadlessLaunchRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.ClientId))
            return (null, null, Invalid("clientId is missing; give the client_id of a registered app."));

        if (string.IsNullOrWhiteSpace(request.Scope))
            return (null, null, Invalid("scope is missing; give the scopes the app requests, such as 'launch openid fhirUser patient/*.rs'."));

        var app = await apps.FindAsync(request.ClientId, cancellationToken);
        if (app is null)
            return (null, null, Invalid($"No app has client_id '{request.ClientId}'."));

        if (app.Kind == AppKind.BackendService)
        {
            return (null, null, Invalid($"App '{request.ClientId}' is a backend service, which is never launched and gets its tokens "
                + "with the client_credentials grant at the token endpoint. A headless launch needs a Public or ConfidentialSymmetric app."));
        }

        if (app.Kind == AppKind.ConfidentialAsymmetric)
            return (null, null, Invalid($"App '{request.ClientId}' authenticates with a private key the sandbox does not hold; headless launches support public and client-secret apps."));

        if (app.RedirectUris.Count == 0)
            return (null, null, Invalid($"App '{request.ClientId}' has no redirect URI; register one first."));

        if (request.RedirectUri is not null && !app.RedirectUris.Contains(request.RedirectUri, StringComparer.Ordinal))
            return (null, null, Invalid($"redirectUri '{request.RedirectUri}' is not registered for app '{request.ClientId}'."));

        var checkResult = await check.CheckHeadlessAsync(request.ToLaunchRequest(), cancellationToken);
        if (checkResult.Problem is { } problem)
            return (null, null, Invalid(problem));

        return (app, checkResult.Request, null);
    }

    private static HeadlessLaunchFailure Invalid(string detail) => new(StatusCodes.Status400BadRequest, detail);
}
