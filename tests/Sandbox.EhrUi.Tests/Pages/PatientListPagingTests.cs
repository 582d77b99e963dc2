using System.Net;
using System.Text.RegularExpressions;
using Sandbox.EhrUi.Tests.Hosting;

namespace Sandbox.EhrUi.Tests.Pages;

/// <summary>
/// The patient list's paging links over HTTP, with the seed population of 30 patients, which
/// fills more than one page of 20. The list is also served at <c>/</c>, and its links must
/// still name <c>/patients</c>.
/// </summary>
public sealed partial class PatientListPagingTests : IAsyncLifetime
{
    private SignedInEhr _ehr = null!;

    public async Task InitializeAsync() => _ehr = await SignedInEhr.StartAsync("default");

    public async Task DisposeAsync() => await _ehr.DisposeAsync();

    [Theory]
    [InlineData("patients")]
    [InlineData("")]
    public async Task NextLink_PointsToPatientList(string path)
    {
        var html = await _ehr.Client.GetStringAsync(path);

        var next = PagerLink(html, "next");
        Assert.NotNull(next);
        Assert.StartsWith("/patients?", next, StringComparison.Ordinal);
        Assert.Contains("cursor=", next, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NextLink_OpensSecondPage()
    {
        var first = await _ehr.Client.GetStringAsync("patients");
        var next = PagerLink(first, "next")!;

        var response = await _ehr.Client.GetAsync(next.TrimStart('/'));

        var second = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(PagerLink(second, "next"));
        var previous = PagerLink(second, "prev");
        Assert.NotNull(previous);
        Assert.StartsWith("/patients?", previous, StringComparison.Ordinal);
        Assert.NotEqual(ChartLinks(first), ChartLinks(second));
    }

    // Razor encodes '&' in attribute values as "&amp;".
    private static string? PagerLink(string html, string relation)
    {
        var match = Regex.Match(html, $"<a [^>]*href=\"([^\"]*)\" rel=\"{relation}\"");
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    private static List<string> ChartLinks(string html) =>
        ChartLinkPattern().Matches(html).Select(match => match.Groups[1].Value).Distinct().ToList();

    [GeneratedRegex("href=\"/patients/([^\"/?]+)\"")]
    private static partial Regex ChartLinkPattern();
}
