using System.Net;
using System.Net.Http.Json;
using Sandbox.EhrUi.Tests.Hosting;

namespace Sandbox.EhrUi.Tests.Pages;

/// <summary>The EHR's sign-in form over HTTP: the persona cards and the messages of a failed sign-in.</summary>
public sealed class SignInPageTests : IAsyncLifetime
{
    private SignedInEhr _ehr = null!;

    public async Task InitializeAsync() => _ehr = await SignedInEhr.StartAsync("empty");

    public async Task DisposeAsync() => await _ehr.DisposeAsync();

    [Fact]
    public async Task PersonaCard_PasswordPersona_ShowsUsername()
    {
        // The README and docs/seed-data.md name personas by username, such as dr.mitchell.
        var persona = new { username = "dr.card", displayName = "Dr Card", role = "Practitioner", fhirUser = "Practitioner/pr-card", password = "card-sandbox" };
        using (var added = await _ehr.Server.Client.PostAsJsonAsync("api/personas", persona))
            added.EnsureSuccessStatusCode();

        var page = await _ehr.Client.GetStringAsync("sign-in");

        Assert.Contains("<span>dr.card · Practitioner · Practitioner/pr-card · needs a password</span>", page);
    }

    [Fact]
    public async Task PersonaCard_NoPassword_OmitsPasswordNote()
    {
        var page = await _ehr.Client.GetStringAsync("sign-in");

        Assert.Contains(
            $"<span>{SignedInEhr.Username} · Practitioner · Practitioner/pr-sarah-mitchell</span>",
            page);
    }

    [Fact]
    public async Task SignIn_NoUsername_AsksToChoose()
    {
        using var response = await _ehr.SubmitAsync("sign-in", new() { ["username"] = "" });
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("No persona was chosen. Choose one from the list.", page);
        Assert.DoesNotContain("username &#x27;&#x27;", page);
    }

    [Fact]
    public async Task SignIn_FiveWrongPasswords_LocksPersona()
    {
        var persona = new { username = "dr.lock", displayName = "Dr Lock", role = "Practitioner", fhirUser = "Practitioner/pr-lock", password = "lock-sandbox" };
        using (var added = await _ehr.Server.Client.PostAsJsonAsync("api/personas", persona))
            added.EnsureSuccessStatusCode();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var wrong = await _ehr.SubmitAsync("sign-in", new() { ["username"] = "dr.lock", ["password"] = "guess" + attempt });
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        using var response = await _ehr.SubmitAsync("sign-in", new() { ["username"] = "dr.lock", ["password"] = "lock-sandbox" });
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Contains("Sign-in as Dr Lock is locked for 30 more seconds after 5 wrong passwords in a row.", page);
    }

    [Fact]
    public async Task SignIn_RightPasswordAfterFourWrong_SignsIn()
    {
        var persona = new { username = "dr.retry", displayName = "Dr Retry", role = "Practitioner", fhirUser = "Practitioner/pr-retry", password = "retry-sandbox" };
        using (var added = await _ehr.Server.Client.PostAsJsonAsync("api/personas", persona))
            added.EnsureSuccessStatusCode();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            using var wrong = await _ehr.SubmitAsync("sign-in", new() { ["username"] = "dr.retry", ["password"] = "guess" + attempt });
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        using var response = await _ehr.SubmitAsync("sign-in", new() { ["username"] = "dr.retry", ["password"] = "retry-sandbox" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task SignIn_UnknownUsername_NamesIt()
    {
        using var response = await _ehr.SubmitAsync("sign-in", new() { ["username"] = "nobody" });
        var page = await response.Content.ReadAsStringAsync();

        Assert.Contains("No persona has username &#x27;nobody&#x27;.", page);
    }
}
