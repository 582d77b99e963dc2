using Microsoft.AspNetCore.WebUtilities;

namespace Sandbox.Auth.Tests;

/// <summary>
/// Builds authorize URLs from a valid standalone request of the registered test app, with
/// single parameters replaced (a null value removes the parameter).
/// </summary>
internal static class AuthorizeRequest
{
    public static string Url(AuthFixture fixture, params (string Name, string? Value)[] changes)
    {
        var parameters = new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = "app",
            ["redirect_uri"] = AuthFixture.RedirectUri,
            ["scope"] = "openid patient/*.rs",
            ["state"] = AuthFixture.State,
            ["aud"] = fixture.FhirBase,
            ["code_challenge"] = Pkce.Create().Challenge,
            ["code_challenge_method"] = "S256",
        };
        foreach (var (name, value) in changes)
        {
            if (value is null)
                parameters.Remove(name);
            else
                parameters[name] = value;
        }

        return QueryHelpers.AddQueryString("/auth/authorize", parameters);
    }

    /// <summary>Returns the parameters of a redirect to the app, from its query or its fragment.</summary>
    public static Dictionary<string, string> RedirectParameters(Uri location)
    {
        var part = location.Fragment.Length > 1 ? location.Fragment[1..] : location.Query;
        return QueryHelpers.ParseQuery(part).ToDictionary(pair => pair.Key, pair => pair.Value.ToString());
    }
}
