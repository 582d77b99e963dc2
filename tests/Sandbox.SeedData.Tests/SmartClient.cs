using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Sandbox.Auth.Tests;
using Sandbox.Testing;

namespace Sandbox.SeedData.Tests;

/// <summary>
/// Acts like a SMART app and its user's browser against a running sandbox over real HTTP.
/// Redirects are not followed, so each protocol step can be asserted. Cookies are kept,
/// because the sign-in page needs its antiforgery cookie.
/// </summary>
internal sealed class SmartClient(SandboxServer server) : IDisposable
{
    public const string ClientAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    public HttpClient Http { get; } = server.CreateClient(
        new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() });

    public string FhirBase => server.FhirBase.AbsoluteUri.TrimEnd('/');

    public string TokenUrl => new Uri(server.BaseAddress, "auth/token").AbsoluteUri;

    public async Task<JsonObject> CreateLaunchAsync(object launch)
    {
        var response = await Http.PostAsJsonAsync("/api/launches", launch);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public string AuthorizeUrl(string clientId, string redirectUri, string scope, Pkce? pkce, string? launch = null)
    {
        var parameters = new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = clientId,
            ["redirect_uri"] = redirectUri,
            ["scope"] = scope,
            ["state"] = "st-1",
            ["aud"] = FhirBase,
        };
        if (pkce is not null)
        {
            parameters["code_challenge"] = pkce.Challenge;
            parameters["code_challenge_method"] = "S256";
        }

        if (launch is not null)
            parameters["launch"] = launch;

        return QueryHelpers.AddQueryString("/auth/authorize", parameters);
    }

    /// <summary>Follows redirects inside the sandbox until one leaves for the redirect URI, and returns that URL.</summary>
    public async Task<Uri> FollowToAppAsync(string url, string redirectUri)
    {
        for (var hop = 0; hop < 10; hop++)
        {
            var response = await Http.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var location = Absolute(response.Headers.Location!);
            if (location.AbsoluteUri.StartsWith(redirectUri, StringComparison.Ordinal))
                return location;

            url = location.PathAndQuery;
        }

        throw new InvalidOperationException("Too many redirects inside the sandbox.");
    }

    /// <summary>Starts an authorization request that needs a user and returns the sign-in page it redirects to.</summary>
    public async Task<Uri> OpenLoginPageAsync(string authorizeUrl)
    {
        var response = await Http.GetAsync(authorizeUrl);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Absolute(response.Headers.Location!);
    }

    /// <summary>Submits the sign-in form as a browser would, with its antiforgery token.</summary>
    public async Task<HttpResponseMessage> SignInAsync(Uri loginPage, string username, string password)
    {
        var html = await Http.GetStringAsync(loginPage.PathAndQuery);
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HtmlForms.AntiforgeryToken(html),
            ["session"] = Query(loginPage)["session"],
            ["username"] = username,
            ["password"] = password,
        };
        return await Http.PostAsync(loginPage.PathAndQuery, new FormUrlEncodedContent(fields));
    }

    /// <summary>Posts a token request, with HTTP Basic client authentication (client_secret_basic) when a secret is given.</summary>
    public async Task<HttpResponseMessage> PostTokenAsync(Dictionary<string, string> form, string? basicUser = null, string? basicSecret = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/token") { Content = new FormUrlEncodedContent(form) };
        if (basicUser is not null && basicSecret is not null)
        {
            var pair = $"{Uri.EscapeDataString(basicUser)}:{Uri.EscapeDataString(basicSecret)}";
            request.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));
        }

        return await Http.SendAsync(request);
    }

    /// <summary>Signs a client assertion as SMART App Launch requires it: iss and sub the client, aud the token URL, typ JWT.</summary>
    public string SignClientAssertion(string clientId, string privateJwk)
    {
        var key = new JsonWebKey(privateJwk);
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = clientId,
            Audience = TokenUrl,
            Claims = new Dictionary<string, object> { ["sub"] = clientId, ["jti"] = Guid.NewGuid().ToString() },
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(4),
            SigningCredentials = new SigningCredentials(key, key.Alg),
            TokenType = "JWT",
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    public async Task<HttpResponseMessage> GetFhirAsync(string path, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/fhir/{path}");
        request.Headers.Authorization = new("Bearer", accessToken);
        return await Http.SendAsync(request);
    }

    public static Dictionary<string, string> Query(Uri uri) =>
        QueryHelpers.ParseQuery(uri.Query).ToDictionary(pair => pair.Key, pair => pair.Value.ToString());

    public static JsonObject ReadJwtPayload(string jwt) =>
        JsonNode.Parse(Base64UrlEncoder.Decode(jwt.Split('.')[1]))!.AsObject();

    public static async Task<JsonObject> ReadJsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    public void Dispose() => Http.Dispose();

    private Uri Absolute(Uri location) => location.IsAbsoluteUri ? location : new Uri(server.BaseAddress, location);
}
