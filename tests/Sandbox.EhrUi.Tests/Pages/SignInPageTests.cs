using System.Net;
using Sandbox.EhrUi.Tests.Hosting;

namespace Sandbox.EhrUi.Tests.Pages;

/// <summary>The EHR's sign-in form over HTTP: the messages of a failed sign-in.</summary>
public sealed class SignInPageTests : IAsyncLifetime
{
    private SignedInEhr _ehr = null!;

    public async Task InitializeAsync() => _ehr = await SignedInEhr.StartAsync("empty");

    public async Task DisposeAsync() => await _ehr.DisposeAsync();

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
    public async Task SignIn_UnknownUsername_NamesIt()
    {
        using var response = await _ehr.SubmitAsync("sign-in", new() { ["username"] = "nobody" });
        var page = await response.Content.ReadAsStringAsync();

        Assert.Contains("No persona has username &#x27;nobody&#x27;.", page);
    }
}
