using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Sandbox.Benchmarks.Processes;

namespace Sandbox.Benchmarks.EhrPages;

/// <summary>
/// A cookie-keeping client signed in to the sandbox's EHR as a practitioner persona, and the
/// pages to time, built from a seed patient that has encounters and a launch made for it.
/// </summary>
internal sealed partial class EhrPageSession : IDisposable
{
    private const string Username = "bench-clinician";

    // A practitioner of the default seed, so the persona's fhirUser resolves.
    private const string FhirUser = "Practitioner/pr-sarah-mitchell";

    private EhrPageSession(HttpClient client) => Client = client;

    /// <summary>Sends the EHR's cookie and follows no redirects, so that every timed request is one page.</summary>
    public HttpClient Client { get; }

    public IReadOnlyList<EhrPage> Pages { get; private set; } = [];

    /// <summary>Adds the persona, signs in through the sign-in form and builds the page list.</summary>
    /// <exception cref="ServerUnavailableException">A step of the set-up did not return what it should.</exception>
    public static async Task<EhrPageSession> StartAsync(Uri baseAddress, CancellationToken cancellationToken)
    {
        var handler = new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        var session = new EhrPageSession(new HttpClient(handler) { BaseAddress = baseAddress });
        try
        {
            await session.SignInAsync(cancellationToken);
            session.Pages = await session.BuildPagesAsync(cancellationToken);
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public void Dispose() => Client.Dispose();

    private async Task SignInAsync(CancellationToken cancellationToken)
    {
        var persona = new { username = Username, displayName = "Benchmark clinician", role = "Practitioner", fhirUser = FhirUser };
        using (var added = await Client.PostAsJsonAsync("api/personas", persona, cancellationToken))
            Ensure(added, HttpStatusCode.Created, "POST /api/personas");

        var html = await Client.GetStringAsync("sign-in", cancellationToken);
        var token = AntiforgeryField().Match(html).Groups[1].Value;
        var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["username"] = Username };
        using var signedIn = await Client.PostAsync("sign-in", new FormUrlEncodedContent(form), cancellationToken);
        Ensure(signedIn, HttpStatusCode.Redirect, "POST /sign-in");
    }

    private async Task<IReadOnlyList<EhrPage>> BuildPagesAsync(CancellationToken cancellationToken)
    {
        var encounters = await ReadFhirAsync("fhir/Encounter?_count=1", cancellationToken);
        var patientId = ((string?)encounters["entry"]?[0]?["resource"]?["subject"]?["reference"])?["Patient/".Length..]
            ?? throw new ServerUnavailableException("the seed has no Encounter with a subject; start the sandbox with --seed default");
        var patient = await ReadFhirAsync($"fhir/Patient/{patientId}", cancellationToken);
        var family = (string?)patient["name"]?[0]?["family"] ?? patientId;
        var launchId = await CreateLaunchAsync(patientId, cancellationToken);

        var chart = $"patients/{Uri.EscapeDataString(patientId)}";
        return
        [
            new("sign-in", "sign-in"),
            new("patient list", "patients"),
            new("patient search", $"patients?name={Uri.EscapeDataString(family)}"),
            new("chart summary", chart),
            new("chart encounters", $"{chart}/encounters"),
            new("chart problems", $"{chart}/problems"),
            new("chart medications", $"{chart}/medications"),
            new("chart allergies", $"{chart}/allergies"),
            new("chart vitals and labs", $"{chart}/vitals"),
            new("chart immunizations", $"{chart}/immunizations"),
            new("chart documents", $"{chart}/documents"),
            new("app gallery", $"{chart}/apps"),
            new("launches", "launches"),
            new("launch inspector", $"launches/{Uri.EscapeDataString(launchId)}"),
        ];
    }

    private async Task<string> CreateLaunchAsync(string patientId, CancellationToken cancellationToken)
    {
        var request = new { user = Username, patient = patientId, skipLogin = true };
        using var response = await Client.PostAsJsonAsync("api/launches", request, cancellationToken);
        Ensure(response, HttpStatusCode.Created, "POST /api/launches");
        var body = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
        return (string?)body?["launchId"] ?? throw new ServerUnavailableException("POST /api/launches returned no launchId");
    }

    // The benchmark starts the sandbox with --open-fhir, so these reads need no token.
    private async Task<JsonObject> ReadFhirAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await Client.GetAsync(path, cancellationToken);
        Ensure(response, HttpStatusCode.OK, $"GET /{path}");
        return await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken)
            ?? throw new ServerUnavailableException($"GET /{path} returned no JSON object");
    }

    private static void Ensure(HttpResponseMessage response, HttpStatusCode expected, string step)
    {
        if (response.StatusCode != expected)
            throw new ServerUnavailableException($"{step} returned {(int)response.StatusCode} {response.StatusCode}, not {(int)expected} {expected}");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
