using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using Sandbox.Auth.Apps;
using Sandbox.Auth.Journal;
using Sandbox.Auth.Launches;
using Sandbox.Auth.Personas;
using Sandbox.Smart;

namespace Sandbox.Auth.Api;

/// <summary>The admin API of the authorization module: apps, personas, launches and their journals.</summary>
internal static class AdminApi
{
    // Each GET operation serves HEAD too, as /fhir does, with the same status and headers and no body.
    private static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    // A launch id is never "headless" (ids are 22 random base64url characters), so this route
    // leaves that segment to the POST-only headless launch. Otherwise GET or DELETE on
    // /api/launches/headless would find no launch with that id and return 404 instead of 405.
    private const string LaunchRoute = "/{launchId:regex(^(?!headless$))}";

    public static void MapAdminApi(this IEndpointRouteBuilder endpoints)
    {
        var apps = endpoints.MapGroup("/api/apps").WithTags("Apps");
        apps.MapMethods("/", GetAndHead, ListAppsAsync);
        apps.MapMethods("/{clientId}", GetAndHead, GetAppAsync)
            .ProducesProblem(StatusCodes.Status404NotFound);
        apps.MapPost("/", RegisterAppAsync)
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status409Conflict);
        apps.MapPut("/{clientId}", ReplaceAppAsync)
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        apps.MapDelete("/{clientId}", DeleteAppAsync)
            .ProducesProblem(StatusCodes.Status404NotFound);
        apps.MapMethods("/{clientId}/events", GetAndHead, ReadAppEventsAsync)
            .WithSummary("Returns the events recorded under the app but outside any launch, such as backend service token requests, oldest first.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var personas = endpoints.MapGroup("/api/personas").WithTags("Personas");
        personas.MapMethods("/", GetAndHead, (IPersonaStore store, CancellationToken cancellationToken) => store.ListAsync(cancellationToken));
        personas.MapPost("/", AddPersonaAsync)
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status409Conflict);
        personas.MapMethods("/{username}", GetAndHead, GetPersonaAsync)
            .ProducesProblem(StatusCodes.Status404NotFound);
        personas.MapDelete("/{username}", DeletePersonaAsync)
            .ProducesProblem(StatusCodes.Status404NotFound);

        var launches = endpoints.MapGroup("/api/launches").WithTags("Launches");
        launches.MapPost("/", CreateLaunchAsync)
            .ProducesBodyProblems();
        launches.MapMethods("/", GetAndHead, (ILaunchJournal journal) => TypedResults.Ok(journal.List()))
            .WithSummary("Lists every launch journal, newest first.")
            .WithDescription("One entry per launch (from the EHR, POST /api/launches or the headless launch), per standalone authorization request (key 'standalone-...') and per backend service ('client:{clientId}'), with its context and first failure. GET /api/launches/{key}/events returns its events.");
        launches.MapDelete("/", (LaunchListClearing clearing) => TypedResults.Ok(clearing.Clear()))
            .WithSummary("Clears the launch list: ends every launch and drops every journal.")
            .WithDescription("Every launch id made before stops authorizing, as DELETE /api/launches/{launchId} does, and GET /api/launches returns an empty list. Access and refresh tokens issued before keep working until they expire; a request made with one starts a new journal.");
        launches.MapMethods(LaunchRoute, GetAndHead, GetLaunch)
            .ProducesProblem(StatusCodes.Status404NotFound);
        launches.MapDelete(LaunchRoute, EndLaunch)
            .WithSummary("Ends a launch, so that its id no longer authorizes. Its journal stays readable.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        launches.MapMethods("/{launchId}/events", GetAndHead, ReadLaunchEvents)
            .WithSummary("Returns the events of one launch journal, oldest first, or 404 when no journal has that key.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>Documents the 400 of an unreadable or invalid body and the 415 of a body that is not JSON.</summary>
    internal static RouteHandlerBuilder ProducesBodyProblems(this RouteHandlerBuilder builder) =>
        builder
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    private static async Task<Ok<IReadOnlyList<SmartApp>>> ListAppsAsync(AppRegistry registry, CancellationToken cancellationToken) =>
        TypedResults.Ok(await registry.ListAsync(cancellationToken));

    private static async Task<Results<Ok<SmartApp>, ProblemHttpResult>> GetAppAsync(
        string clientId, AppRegistry registry, CancellationToken cancellationToken)
    {
        var app = await registry.FindAsync(clientId, cancellationToken);
        return app is null ? NotFound($"No app has client_id '{clientId}'.") : TypedResults.Ok(app);
    }

    private static async Task<Results<Created<SmartApp>, ProblemHttpResult>> RegisterAppAsync(
        SmartApp app, AppRegistry registry, CancellationToken cancellationToken)
    {
        try
        {
            var stored = await registry.RegisterAsync(app, cancellationToken);
            return TypedResults.Created($"/api/apps/{Uri.EscapeDataString(stored.ClientId!)}", stored);
        }
        catch (AppRegistrationException exception)
        {
            return Invalid(exception);
        }
    }

    private static async Task<Results<Ok<SmartApp>, ProblemHttpResult>> ReplaceAppAsync(
        string clientId, SmartApp app, AppRegistry registry, CancellationToken cancellationToken)
    {
        if (app.ClientId is not null && app.ClientId != clientId)
        {
            return TypedResults.Problem(
                $"The body's clientId '{app.ClientId}' differs from '{clientId}' in the path; the client id of an app cannot change.",
                statusCode: StatusCodes.Status400BadRequest,
                title: "Invalid app registration");
        }

        try
        {
            var stored = app with { ClientId = clientId };
            return await registry.ReplaceAsync(stored, cancellationToken)
                ? TypedResults.Ok((await registry.FindAsync(clientId, cancellationToken))!)
                : NotFound($"No app has client_id '{clientId}'.");
        }
        catch (AppRegistrationException exception)
        {
            return Invalid(exception);
        }
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAppAsync(
        string clientId, AppRegistry registry, CancellationToken cancellationToken) =>
        await registry.DeleteAsync(clientId, cancellationToken)
            ? TypedResults.NoContent()
            : NotFound($"No app has client_id '{clientId}'.");

    private static async Task<Results<Created<Persona>, ProblemHttpResult>> AddPersonaAsync(
        Persona persona, IPersonaStore store, CancellationToken cancellationToken)
    {
        // System.Text.Json can still set a required member to null.
        var username = persona.Username ?? string.Empty;
        if (await store.FindAsync(username, cancellationToken) is not null)
        {
            return TypedResults.Problem(
                $"A persona with username '{persona.Username}' exists already; delete it first to replace it.",
                statusCode: StatusCodes.Status409Conflict,
                title: "Conflict");
        }

        try
        {
            await store.AddAsync(persona, cancellationToken);
            return TypedResults.Created($"/api/personas/{Uri.EscapeDataString(username)}", persona);
        }
        catch (ArgumentException exception)
        {
            return TypedResults.Problem(exception.Message, statusCode: StatusCodes.Status400BadRequest, title: "Invalid persona");
        }
    }

    private static async Task<Results<Ok<Persona>, ProblemHttpResult>> GetPersonaAsync(
        string username, IPersonaStore store, CancellationToken cancellationToken)
    {
        var persona = await store.FindAsync(username, cancellationToken);
        return persona is null ? NotFound($"No persona has username '{username}'.") : TypedResults.Ok(persona);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeletePersonaAsync(
        string username,
        IPersonaStore store,
        IOpenIddictAuthorizationManager authorizations,
        IOpenIddictTokenManager tokens,
        CancellationToken cancellationToken)
    {
        if (!await store.RemoveAsync(username, cancellationToken))
            return NotFound($"No persona has username '{username}'.");

        // A token copies the persona's fhirUser and patient list when it is issued, so it would
        // otherwise keep them after the persona is gone or added again with other values.
        await authorizations.RevokeBySubjectAsync(username, cancellationToken);
        await tokens.RevokeBySubjectAsync(username, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Created<LaunchCreated>, ProblemHttpResult>> CreateLaunchAsync(
        LaunchRequest request,
        HttpContext context,
        AppRegistry registry,
        LaunchReferenceCheck check,
        LaunchStore store,
        ILaunchJournal journal,
        ILogger<LaunchStore> logger)
    {
        var cancellationToken = context.RequestAborted;
        SmartApp? app = null;
        if (request.ClientId is not null && (app = await registry.FindAsync(request.ClientId, cancellationToken)) is null)
            return TypedResults.Problem($"No app has client_id '{request.ClientId}'.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid launch");

        var checkResult = await check.CheckAsync(request, cancellationToken);
        if (checkResult.Problem is { } problem)
            return TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: "Invalid launch");

        var launch = store.Create(checkResult.Request!, LaunchKind.Api);
        var iss = SandboxUrls.FhirBase(context.Request);
        var launchUrl = app?.LaunchUrl is null ? null : BuildLaunchUrl(app.LaunchUrl, iss, launch.Id);
        journal.Record(launch.Id, "launch", LaunchEventOutcome.Info, DescribeLaunch(launch));
        Log.LaunchCreated(logger, launch.Id, launch.Request.ClientId);
        return TypedResults.Created($"/api/launches/{launch.Id}", new LaunchCreated(launch.Id, iss, launchUrl, launch.ExpiresAt));
    }

    private static Results<NoContent, ProblemHttpResult> EndLaunch(string launchId, LaunchStore store) =>
        store.Remove(launchId) ? TypedResults.NoContent() : NotFound($"Launch '{launchId}' is unknown or has expired.");

    private static async Task<Results<Ok<IReadOnlyList<LaunchEvent>>, ProblemHttpResult>> ReadAppEventsAsync(
        string clientId, AppRegistry registry, ILaunchJournal journal, CancellationToken cancellationToken)
    {
        // The journal of a deleted app stays readable, as a launch's journal outlives the launch.
        var key = ILaunchJournal.KeyFor(null, clientId);
        if (journal.Find(key) is null && await registry.FindAsync(clientId, cancellationToken) is null)
            return NotFound($"No app has client_id '{clientId}', and no events are recorded under it.");

        return TypedResults.Ok(journal.Read(key));
    }

    private static Results<Ok<Launch>, ProblemHttpResult> GetLaunch(string launchId, LaunchStore store)
    {
        var launch = store.Find(launchId);
        return launch is null ? NotFound($"Launch '{launchId}' is unknown or has expired.") : TypedResults.Ok(launch);
    }

    private static Results<Ok<IReadOnlyList<LaunchEvent>>, ProblemHttpResult> ReadLaunchEvents(string launchId, ILaunchJournal journal)
    {
        // A journal outlives its launch, so the journal is checked and not the launch store.
        if (journal.Find(launchId) is null)
            return NotFound($"No launch journal has key '{launchId}': the launch is unknown, or its journal was dropped to make room for newer ones. GET /api/launches lists the journals kept.");

        return TypedResults.Ok(journal.Read(launchId));
    }

    // SMART App Launch passes iss and launch in the launch URL's query, so AddQueryString puts
    // them before any fragment.
    private static string BuildLaunchUrl(string launchUrl, string iss, string launchId) =>
        QueryHelpers.AddQueryString(launchUrl, new Dictionary<string, string?>
        {
            [SmartParameters.Iss] = iss,
            [SmartParameters.Launch] = launchId,
        });

    private static string DescribeLaunch(Launch launch)
    {
        var request = launch.Request;
        return $"Launch created for app '{request.ClientId ?? "any"}', user '{request.User ?? "none"}', " +
            $"patient '{request.Patient ?? "none"}', encounter '{request.Encounter ?? "none"}'; expires {launch.ExpiresAt:u}.";
    }

    private static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    private static ProblemHttpResult Invalid(AppRegistrationException exception) =>
        TypedResults.Problem(
            exception.Message,
            statusCode: exception.IsConflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest,
            title: exception.IsConflict ? "Conflict" : "Invalid app registration");
}
