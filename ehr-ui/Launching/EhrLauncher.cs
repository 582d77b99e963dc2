using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Sandbox.Auth;
using Sandbox.Auth.Apps;
using Sandbox.Auth.Journal;
using Sandbox.Auth.Launches;
using Sandbox.EhrUi.Account;
using Sandbox.EhrUi.Fhir;
using Sandbox.Smart;

namespace Sandbox.EhrUi.Launching;

/// <summary>
/// Performs an EHR launch: creates the launch in the authorization server's
/// <see cref="LaunchStore"/> for the signed-in persona with sign-in skipped, records it in the
/// launch journal and in the EHR's history, and builds the app's launch URL.
/// </summary>
public sealed class EhrLauncher(
    LaunchStore launches,
    LaunchReferenceCheck check,
    ILaunchJournal journal,
    EhrLaunchHistory history,
    TimeProvider timeProvider,
    ILogger<EhrLauncher> logger)
{
    /// <summary>The path of the sandbox's built-in SMART style document.</summary>
    public const string StyleDocumentPath = EhrUiExtensions.StaticFilesPath + "/smart-style.json";

    /// <summary>Creates the launch. Throws <see cref="InvalidOperationException"/> when the app has no launch URL.</summary>
    public EhrLaunch Launch(
        HttpRequest request,
        EhrUser user,
        SmartApp app,
        string patientId,
        string? encounterId,
        LaunchOptions options)
    {
        if (string.IsNullOrWhiteSpace(app.LaunchUrl))
            throw new InvalidOperationException($"App '{app.Name}' has no launch URL, so it cannot be launched from the EHR. Add one on its registration page.");

        var launch = launches.Create(BuildRequest(request, user, app.ClientId!, patientId, encounterId, options), LaunchKind.Ehr);
        var iss = FhirBaseUrl.For(request).ToString();
        var launchUrl = BuildLaunchUrl(request, app.LaunchUrl, iss, launch.Id);
        journal.Record(launch.Id, "launch", LaunchEventOutcome.Info, Describe(app, user, patientId, encounterId, options));
        Log.LaunchCreated(logger, launch.Id, app.ClientId!, user.Username);

        var created = new EhrLaunch(
            launch.Id, app.ClientId!, app.Name, user.Username, user.DisplayName,
            patientId, encounterId, launchUrl, options, timeProvider.GetUtcNow());
        history.Add(created);
        return created;
    }

    /// <summary>
    /// Returns why <see cref="Launch"/> with these values would make a launch that the launch API
    /// rejects, or null. It checks the patient, the encounter, whether the persona may open the
    /// patient, and the options that become launch context (extra parameters, fhirContext and
    /// smart_style_url). The resource that the persona's fhirUser names need not exist, as for a
    /// launch from the chart.
    /// </summary>
    public async Task<string?> FindProblemAsync(
        HttpRequest request,
        EhrUser user,
        string clientId,
        string patientId,
        string? encounterId,
        LaunchOptions options,
        CancellationToken cancellationToken)
    {
        var launchRequest = BuildRequest(request, user, clientId, patientId, encounterId, options);
        var result = await check.CheckAsync(launchRequest, checkFhirUser: false, cancellationToken);
        return result.Problem;
    }

    private static LaunchRequest BuildRequest(
        HttpRequest request,
        EhrUser user,
        string clientId,
        string patientId,
        string? encounterId,
        LaunchOptions options) => new()
        {
            ClientId = clientId,
            User = user.Username,
            SkipLogin = true,
            SessionScheme = EhrSignIn.Scheme,
            Patient = patientId,
            Encounter = encounterId,
            FhirContext = options.FhirContext.Count == 0
                ? null
                : options.FhirContext.Select(reference => new JsonObject { ["reference"] = reference }).ToList(),
            Intent = Blank(options.Intent),
            NeedPatientBanner = options.NeedPatientBanner,
            SmartStyleUrl = StyleUrl(request, options),
            Tenant = Blank(options.Tenant),
            Extra = options.Extra.Count == 0 ? null : options.Extra,
            SimulatedError = options.SimulatedError,
            SkipConsent = options.SkipConsent,
        };

    private static string? StyleUrl(HttpRequest request, LaunchOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.SmartStyleUrl))
            return options.SmartStyleUrl;

        return options.UseBuiltInStyle ? Absolute(request, StyleDocumentPath) : null;
    }

    /// <summary>Adds <c>iss</c> and <c>launch</c> to an app's launch URL; a relative URL is resolved against the sandbox.</summary>
    public static string BuildLaunchUrl(HttpRequest request, string launchUrl, string iss, string launchId)
    {
        var absolute = Uri.IsWellFormedUriString(launchUrl, UriKind.Absolute)
            ? OnRequestLoopbackName(request, new Uri(launchUrl))
            : Absolute(request, launchUrl);
        // SMART App Launch passes iss and launch in the launch URL's query, so AddQueryString puts
        // them before any fragment, such as a hash-routed app's.
        return QueryHelpers.AddQueryString(absolute, new Dictionary<string, string?>
        {
            [SmartParameters.Iss] = iss,
            [SmartParameters.Launch] = launchId,
        });
    }

    // A launch URL on the request's loopback port names the sandbox itself, under one of its
    // loopback names. It takes the name the browser used, because the sample app's
    // frame-ancestors 'self' blocks an EHR frame on the other name.
    private static string OnRequestLoopbackName(HttpRequest request, Uri launchUrl)
    {
        var requestPort = request.Host.Port ?? (request.IsHttps ? 443 : 80);
        var sameServer = launchUrl.IsLoopback
            && LoopbackListening.IsLoopbackHost(request.Host.Host)
            && launchUrl.Scheme == request.Scheme
            && launchUrl.Port == requestPort;
        if (!sameServer)
            return launchUrl.OriginalString;

        return $"{request.Scheme}://{request.Host}{launchUrl.PathAndQuery}{launchUrl.Fragment}";
    }

    private static string Absolute(HttpRequest request, string path) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}/{path.TrimStart('/')}";

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Describe(SmartApp app, EhrUser user, string patientId, string? encounterId, LaunchOptions options)
    {
        var encounter = encounterId is null ? "no encounter" : $"encounter '{encounterId}'";
        var error = options.SimulatedError == SimulatedError.None ? "" : $" Simulated error: {options.SimulatedError}.";
        return $"The EHR launched app '{app.Name}' ({app.ClientId}) for user '{user.Username}', patient '{patientId}' and {encounter}; "
            + $"sign-in is skipped because the user is signed in to the EHR.{error}";
    }
}
