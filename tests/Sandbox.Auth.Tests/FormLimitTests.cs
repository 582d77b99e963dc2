using System.Net;

namespace Sandbox.Auth.Tests;

/// <summary>
/// Form bodies over ASP.NET Core's form reader limits (1,024 fields, 2,048-character names,
/// 4 MiB values) on the OAuth endpoints.
/// </summary>
public sealed class FormLimitTests
{
    public static TheoryData<string, string> OverLimitBodies()
    {
        var data = new TheoryData<string, string>();
        foreach (var path in (string[])["/auth/token", "/auth/introspect", "/auth/revoke"])
        {
            data.Add(path, "long-value");
            data.Add(path, "long-name");
            data.Add(path, "many-fields");
        }

        return data;
    }

    private static string Body(string kind) => kind switch
    {
        "long-value" => "grant_type=client_credentials&token=x&x=" + new string('a', 4 * 1024 * 1024 + 20),
        "long-name" => "grant_type=client_credentials&token=x&" + new string('k', 3_000) + "=1",
        _ => "grant_type=client_credentials&token=x&" + string.Join('&', Enumerable.Range(0, 1_100).Select(i => $"f{i}=1")),
    };

    private static StringContent Form(string body) => new(body, System.Text.Encoding.ASCII, "application/x-www-form-urlencoded");

    [Theory]
    [MemberData(nameof(OverLimitBodies))]
    public async Task OverLimitForm_ReturnsInvalidRequest(string path, string kind)
    {
        await using var fixture = await AuthFixture.StartAsync();

        var response = await fixture.Client.PostAsync(path, Form(Body(kind)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await AuthFixture.ReadJsonAsync(response);
        Assert.Equal("invalid_request", body["error"]!.GetValue<string>());
        Assert.Contains("limit", body["error_description"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/auth/token")]
    [InlineData("/auth/introspect")]
    [InlineData("/auth/revoke")]
    public async Task NulInForm_ReturnsInvalidCharacterError(string path)
    {
        await using var fixture = await AuthFixture.StartAsync();

        var response = await fixture.Client.PostAsync(path, Form("grant_type=authorization_code&token=x&client_id=a%00b"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await AuthFixture.ReadJsonAsync(response);
        Assert.Equal("invalid_request", body["error"]!.GetValue<string>());
        var description = body["error_description"]!.GetValue<string>();
        Assert.Contains("%00", description, StringComparison.Ordinal);
        Assert.DoesNotContain("limit", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OverLimitForm_Authorize_ReturnsErrorPage()
    {
        await using var fixture = await AuthFixture.StartAsync();

        var response = await fixture.Client.PostAsync("/auth/authorize", Form(Body("long-value")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("invalid_request", await response.Content.ReadAsStringAsync());
    }
}
