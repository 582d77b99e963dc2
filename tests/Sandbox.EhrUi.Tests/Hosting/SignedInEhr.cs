using System.Net;
using System.Net.Http.Json;
using Sandbox.Testing;

namespace Sandbox.EhrUi.Tests.Hosting;

/// <summary>
/// A sandbox and an HTTP client signed in to its EHR as a practitioner persona, which posts
/// the EHR's forms with their antiforgery tokens as a browser does.
/// </summary>
internal sealed class SignedInEhr : IAsyncDisposable
{
    public const string Username = "page.tester";

    private SignedInEhr(SandboxServer server, HttpClient client)
    {
        Server = server;
        Client = client;
    }

    public SandboxServer Server { get; }

    /// <summary>Keeps the EHR's cookies and follows no redirects.</summary>
    public HttpClient Client { get; }

    /// <summary>Starts a sandbox with <paramref name="seed"/> and signs a practitioner persona in.</summary>
    /// <param name="seed">The seed population, such as <c>default</c>.</param>
    /// <param name="adminKey">
    /// The <c>Admin:ApiKey</c> to configure, or null for none. The EHR client does not send it,
    /// so the EHR's admin pages need it entered on the admin key page.
    /// </param>
    /// <param name="openFhir">
    /// Whether <c>/fhir</c> needs no access token. Tests of what a revoked or expired token may
    /// still do there need false.
    /// </param>
    public static async Task<SignedInEhr> StartAsync(string seed, string? adminKey = null, bool openFhir = true)
    {
        var options = new SandboxServerOptions { Seed = seed, OpenFhir = openFhir, AdminApiKey = adminKey };
        var server = await SandboxServer.StartAsync(options);
        var persona = new { username = Username, displayName = "Page Tester", role = "Practitioner", fhirUser = "Practitioner/pr-sarah-mitchell" };
        using (var added = await server.Client.PostAsJsonAsync("api/personas", persona))
            added.EnsureSuccessStatusCode();

        var client = server.CreateClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() });
        var ehr = new SignedInEhr(server, client);
        using var signedIn = await ehr.SubmitAsync("sign-in", new() { ["username"] = Username });
        if (signedIn.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Signing in returned {(int)signedIn.StatusCode} instead of a redirect.");

        return ehr;
    }

    /// <summary>Loads a page, then posts <paramref name="fields"/> to it with the page's antiforgery token.</summary>
    /// <param name="path">The page path, relative to the sandbox root, such as <c>data</c>.</param>
    /// <param name="fields">The form fields; the handler goes in <paramref name="handler"/>.</param>
    /// <param name="handler">The page handler, such as <c>Reset</c>, or null for the default.</param>
    public async Task<HttpResponseMessage> SubmitAsync(string path, Dictionary<string, string> fields, string? handler = null)
    {
        var html = await Client.GetStringAsync(path);
        fields["__RequestVerificationToken"] = HtmlForms.AntiforgeryToken(html);
        var target = handler is null ? path : $"{path}?handler={handler}";
        return await Client.PostAsync(target, new FormUrlEncodedContent(fields));
    }

    /// <summary>Signs <paramref name="client"/> in to the EHR as a persona, as its sign-in form does.</summary>
    /// <exception cref="InvalidOperationException">The sign-in did not redirect, so it failed.</exception>
    public static async Task SignInAsync(HttpClient client, string username, string password)
    {
        var html = await client.GetStringAsync("sign-in");
        using var form = new FormUrlEncodedContent(
            [new("__RequestVerificationToken", HtmlForms.AntiforgeryToken(html)), new("username", username), new("password", password)]);
        using var response = await client.PostAsync("sign-in", form);
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Signing in as '{username}' returned {(int)response.StatusCode} instead of a redirect.");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
