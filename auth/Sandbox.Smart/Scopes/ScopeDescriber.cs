namespace Sandbox.Smart.Scopes;

/// <summary>Describes scopes in plain words for the consent page.</summary>
public static class ScopeDescriber
{
    /// <summary>Returns a short sentence saying what the scope lets an app do.</summary>
    public static string Describe(string scope)
    {
        switch (scope)
        {
            case SmartScopes.Launch: return "Know the context the EHR launched it in.";
            case SmartScopes.LaunchPatient: return "Know which patient is selected.";
            case SmartScopes.LaunchEncounter: return "Know which encounter is selected.";
            case SmartScopes.OpenId or SmartScopes.FhirUser: return "Know who you are.";
            case SmartScopes.Profile: return "See your name.";
            case SmartScopes.OfflineAccess: return "Keep access after you close the app.";
            case SmartScopes.OnlineAccess: return "Keep access while you are signed in.";
        }

        if (!ResourceScope.TryParse(scope, out var parsed))
            return "An unrecognised permission.";

        var owner = parsed.Context switch
        {
            ScopeContext.Patient => "the selected patient's",
            ScopeContext.User => "every",
            _ => "every (without a user)",
        };
        var type = parsed.ResourceType == ResourceScope.AnyResourceType ? "record" : $"{parsed.ResourceType} record";
        var verbs = string.Join(", ", parsed.Interactions.Order().Select(interaction => interaction.ToString().ToLowerInvariant()));
        var filter = parsed.Query is null ? "" : $" matching {parsed.Query}";
        return $"{Capitalize(verbs)} {owner} {type}s{filter}.";
    }

    private static string Capitalize(string text) =>
        text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
