using Sandbox.Testing;

namespace Sandbox.EhrUi.Tests.Hosting;

/// <summary>The shared reader of antiforgery tokens that the HTTP tests post back.</summary>
public sealed class HtmlFormsTests
{
    [Fact]
    public void AntiforgeryToken_RazorField_ReturnsValue()
    {
        const string html = "<form><input name=\"__RequestVerificationToken\" type=\"hidden\" value=\"CfDJ8-token_1\" /></form>";

        var token = HtmlForms.AntiforgeryToken(html);

        Assert.Equal("CfDJ8-token_1", token);
    }

    [Fact]
    public void AntiforgeryToken_MissingField_ThrowsNamingField()
    {
        const string html = "<p>Request already answered</p>";

        var error = Assert.Throws<InvalidOperationException>(() => HtmlForms.AntiforgeryToken(html));

        Assert.Contains("'__RequestVerificationToken'", error.Message);
        Assert.Contains("<p>Request already answered</p>", error.Message);
    }
}
