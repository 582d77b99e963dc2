using Microsoft.AspNetCore.Http;
using Sandbox.Auth.Apps;
using Sandbox.Auth.Personas;
using Sandbox.EhrUi.Account;

namespace Sandbox.EhrUi.Launching;

/// <summary>Replays a scenario: launches its app as its persona, for its patient and encounter, with its options.</summary>
public sealed class ScenarioLauncher(AppRegistry registry, IPersonaStore personas, EhrLauncher launcher)
{
    /// <summary>Creates the launch, or returns the reason it cannot be made.</summary>
    public async Task<(EhrLaunch? Launch, string? Problem)> LaunchAsync(
        HttpRequest request,
        LaunchScenario scenario,
        CancellationToken cancellationToken)
    {
        var app = await registry.FindAsync(scenario.ClientId, cancellationToken);
        if (app is null)
            return (null, $"The scenario's app '{scenario.ClientId}' is not registered on this sandbox. Register it first.");

        var persona = await personas.FindAsync(scenario.User, cancellationToken);
        if (persona is null)
            return (null, $"The scenario's user '{scenario.User}' is not a persona of this sandbox.");

        // A shared link carries whatever its author wrote, so its launch gets the launch API's
        // checks. The chart's forms check their own values before they store them.
        var user = new EhrUser(persona.Username, persona.DisplayName, persona.Role.ToString(), persona.FhirUser);
        var problem = await launcher.FindProblemAsync(
            request, user, app.ClientId!, scenario.PatientId, scenario.EncounterId, scenario.Options, cancellationToken);
        if (problem is not null)
            return (null, $"The scenario cannot be launched: {problem}");

        try
        {
            return (launcher.Launch(request, user, app, scenario.PatientId, scenario.EncounterId, scenario.Options), null);
        }
        catch (InvalidOperationException exception)
        {
            return (null, exception.Message);
        }
    }
}
