using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;
using Sandbox.EhrUi.Tests.Hosting;
using Sandbox.Testing;

namespace Sandbox.EhrUi.Tests.Pages;

/// <summary>
/// Tests of scenario links written by hand, which anyone can send. The page checks them as the
/// launch API checks a launch, and never fails with a 500.
/// </summary>
public sealed class SharedScenarioPageTests : IAsyncLifetime
{
    private SignedInEhr _ehr = null!;

    public async Task InitializeAsync() => _ehr = await SignedInEhr.StartAsync("default");

    public async Task DisposeAsync() => await _ehr.DisposeAsync();

    [Fact]
    public async Task Launch_ValidScenario_OpensFrame()
    {
        var link = SharedLink(Scenario());

        using var response = await PostLaunchAsync(link);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("/frame", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Launch_OtherPatientsEncounter_IsRejected()
    {
        var scenario = Scenario();
        scenario["encounterId"] = "enc-marcus-johnson-1";

        var page = await LaunchRejectedAsync(scenario);

        Assert.Contains("Encounter/enc-marcus-johnson-1 belongs to Patient/p-marcus-johnson", page);
    }

    [Fact]
    public async Task Launch_ReservedExtraName_IsRejected()
    {
        var scenario = Scenario();
        scenario["options"]!["extra"] = new JsonObject { ["fhirUser"] = "Patient/p-marcus-johnson" };

        var page = await LaunchRejectedAsync(scenario);

        Assert.Contains("The extra parameter &#x27;fhirUser&#x27; is a token response member", page);
    }

    [Fact]
    public async Task Launch_NullExtraValue_IsRejected()
    {
        var scenario = Scenario();
        scenario["options"]!["extra"] = new JsonObject { ["color"] = null };

        var page = await LaunchRejectedAsync(scenario);

        Assert.Contains("The extra parameter &#x27;color&#x27; is null", page);
    }

    [Fact]
    public async Task Launch_ScriptStyleUrl_IsRejected()
    {
        var scenario = Scenario();
        scenario["options"]!["smartStyleUrl"] = "javascript:alert(1)";

        var page = await LaunchRejectedAsync(scenario);

        Assert.Contains("smartStyleUrl &#x27;javascript:alert(1)&#x27; is not an absolute http(s) URL", page);
    }

    [Fact]
    public async Task Launch_PatientFhirContext_IsRejected()
    {
        var scenario = Scenario();
        scenario["options"]!["fhirContext"] = new JsonArray("Patient/p-marcus-johnson");

        var page = await LaunchRejectedAsync(scenario);

        Assert.Contains("fhirContext[0] has the role &#x27;launch&#x27; for a resource of type Patient", page);
    }

    [Fact]
    public async Task Launch_PatientPersonaOtherPatient_IsRejected()
    {
        var scenario = Scenario();
        scenario["user"] = "ava";
        scenario["patientId"] = "p-marcus-johnson";
        scenario["encounterId"] = null;

        var page = await LaunchRejectedAsync(scenario);

        Assert.Contains("Persona &#x27;ava&#x27; may open only Patient/p-ava-thompson, not Patient/p-marcus-johnson", page);
    }

    [Theory]
    [InlineData("patientId")]
    [InlineData("clientId")]
    [InlineData("options")]
    public async Task Open_NullMember_IsNotFound(string member)
    {
        var scenario = Scenario();
        scenario[member] = null;

        using var response = await _ehr.Client.GetAsync(SharedLink(scenario));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Open_NullFhirContext_IsNotFound()
    {
        var scenario = Scenario();
        scenario["options"]!["fhirContext"] = null;

        using var response = await _ehr.Client.GetAsync(SharedLink(scenario));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    // Posts the scenario's Launch form and returns the page, after checking that it shows an
    // error and does not redirect to a launch.
    private async Task<string> LaunchRejectedAsync(JsonObject scenario)
    {
        using var response = await PostLaunchAsync(SharedLink(scenario));
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("The scenario cannot be launched:", page);
        return page;
    }

    // Posts the page's Launch form, whose action keeps the link's query and adds the handler.
    private async Task<HttpResponseMessage> PostLaunchAsync(string link)
    {
        var html = await _ehr.Client.GetStringAsync(link);
        using var form = new FormUrlEncodedContent([new(HtmlForms.AntiforgeryField, HtmlForms.AntiforgeryToken(html))]);
        return await _ehr.Client.PostAsync($"{link}&handler=Launch", form);
    }

    private static JsonObject Scenario() => new()
    {
        ["id"] = "shared-1",
        ["name"] = "Visit",
        ["user"] = SignedInEhr.Username,
        ["patientId"] = "p-ava-thompson",
        ["encounterId"] = "enc-ava-thompson-1",
        ["clientId"] = "sandbox-sample-app",
        ["options"] = new JsonObject { ["openIn"] = "frame", ["useBuiltInStyle"] = false },
    };

    private static string SharedLink(JsonObject scenario) =>
        $"scenarios/shared?s={Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(scenario.ToJsonString()))}";
}
