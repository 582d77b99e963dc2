using System.Net;
using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Tests.Bundles;

/// <summary>
/// Batch entries whose content cannot be parsed or fails the input checks: each gets its own
/// 400 response and the other entries run, while a transaction is rejected as a whole.
/// </summary>
public sealed class BatchInvalidEntryTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private const string JsonMediaType = "application/fhir+json";

    private FhirTestClient Client => fixture.Client;

    [Fact]
    public async System.Threading.Tasks.Task Batch_InvalidDate_FailsThatEntryOnly()
    {
        var issue = await PostBatchWithFailingMiddleEntryAsync("""{"resourceType":"Patient","birthDate":"not-a-date"}""");

        Assert.Contains("not-a-date", issue.Diagnostics, StringComparison.Ordinal);
        Assert.Contains("Bundle.entry[1].resource.birthDate", issue.Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task Batch_UnknownElement_FailsThatEntryOnly()
    {
        var body = Bundle(
            "batch",
            PostPatient("""{"resourceType":"Patient","favouriteColour":"blue"}"""),
            PostPatient("""{"resourceType":"Patient","gender":"female"}"""));

        using var response = await PostAsync(body, JsonMediaType);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await FhirTestClient.ReadAsync<Bundle>(response);
        Assert.Equal("400 Bad Request", result.Entry[0].Response!.Status);
        var outcome = Assert.IsType<OperationOutcome>(result.Entry[0].Response!.Outcome);
        Assert.Contains("favouriteColour", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
        Assert.Equal("201 Created", result.Entry[1].Response!.Status);
    }

    [Fact]
    public async System.Threading.Tasks.Task Batch_InvalidRequestMethod_FailsThatEntryOnly()
    {
        var body = Bundle(
            "batch",
            """{"request":{"method":"FETCH","url":"metadata"}}""",
            """{"request":{"method":"GET","url":"metadata"}}""");

        using var response = await PostAsync(body, JsonMediaType);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await FhirTestClient.ReadAsync<Bundle>(response);
        Assert.Equal("400 Bad Request", result.Entry[0].Response!.Status);
        var outcome = Assert.IsType<OperationOutcome>(result.Entry[0].Response!.Outcome);
        Assert.Contains("FETCH", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
        Assert.Equal("200 OK", result.Entry[1].Response!.Status);
    }

    [Fact]
    public async System.Threading.Tasks.Task Batch_ControlCharacter_FailsThatEntryOnly()
    {
        var body = Bundle(
            "batch",
            PostPatient("""{"resourceType":"Patient","gender":"female"}"""),
            PostPatient("""{"resourceType":"Patient","name":[{"family":"Bell\u0007"}]}"""));

        using var response = await PostAsync(body, JsonMediaType);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await FhirTestClient.ReadAsync<Bundle>(response);
        Assert.Equal("201 Created", result.Entry[0].Response!.Status);
        Assert.Equal("400 Bad Request", result.Entry[1].Response!.Status);
        var outcome = Assert.IsType<OperationOutcome>(result.Entry[1].Response!.Outcome);
        Assert.Contains("Bundle.entry[1].resource.name[0].family", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task Batch_InvalidNarrative_FailsThatEntryOnly()
    {
        const string script = """<div xmlns=\"http://www.w3.org/1999/xhtml\"><script>alert(1)</script></div>""";
        var body = Bundle(
            "batch",
            PostPatient($$$"""{"resourceType":"Patient","text":{"status":"generated","div":"{{{script}}}"}}"""),
            PostPatient("""{"resourceType":"Patient","gender":"female"}"""));

        using var response = await PostAsync(body, JsonMediaType);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await FhirTestClient.ReadAsync<Bundle>(response);
        Assert.Equal("400 Bad Request", result.Entry[0].Response!.Status);
        var outcome = Assert.IsType<OperationOutcome>(result.Entry[0].Response!.Outcome);
        Assert.Contains("Bundle.entry[0].resource.text.div", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
        Assert.Equal("201 Created", result.Entry[1].Response!.Status);
    }

    [Fact]
    public async System.Threading.Tasks.Task BatchXml_InvalidDate_FailsThatEntryOnly()
    {
        const string body = """
            <Bundle xmlns="http://hl7.org/fhir">
              <type value="batch"/>
              <entry>
                <resource><Patient><birthDate value="not-a-date"/></Patient></resource>
                <request><method value="POST"/><url value="Patient"/></request>
              </entry>
              <entry>
                <resource><Patient><birthDate value="2001-02-03"/></Patient></resource>
                <request><method value="POST"/><url value="Patient"/></request>
              </entry>
            </Bundle>
            """;

        using var response = await PostAsync(body, "application/fhir+xml");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await FhirTestClient.ReadAsync<Bundle>(response);
        Assert.Equal("400 Bad Request", result.Entry[0].Response!.Status);
        var outcome = Assert.IsType<OperationOutcome>(result.Entry[0].Response!.Outcome);
        Assert.Contains("not-a-date", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
        Assert.Equal("201 Created", result.Entry[1].Response!.Status);
    }

    [Fact]
    public async System.Threading.Tasks.Task Transaction_InvalidEntry_RejectsWholeBundle()
    {
        var family = $"Rejected{TestResources.UniqueValue()}";
        var body = Bundle(
            "transaction",
            PostPatient($$"""{"resourceType":"Patient","name":[{"family":"{{family}}"}]}"""),
            PostPatient("""{"resourceType":"Patient","birthDate":"not-a-date"}"""));

        using var response = await PostAsync(body, JsonMediaType);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Contains("not-a-date", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
        Assert.Empty((await Client.ReadBundleAsync($"Patient?family={family}")).Entry);
    }

    [Fact]
    public async System.Threading.Tasks.Task Batch_MissingResourceType_FailsThatEntryOnly()
    {
        var issue = await PostBatchWithFailingMiddleEntryAsync("""{"gender":"female"}""");

        Assert.Contains("resourceType", issue.Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task Batch_ContainedWithoutResourceType_FailsThatEntryOnly()
    {
        var body = Bundle(
            "batch",
            PostPatient("""{"resourceType":"Patient","gender":"female"}"""),
            PostPatient("""{"resourceType":"Patient","contained":[{"id":"a"}]}"""),
            PostPatient("""{"resourceType":"Patient","contained":[{"id":"b","resourceType":"Practitioner"}]}"""));

        using var response = await PostAsync(body, JsonMediaType);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await FhirTestClient.ReadAsync<Bundle>(response);
        Assert.Equal("201 Created", result.Entry[0].Response!.Status);
        Assert.Equal("400 Bad Request", result.Entry[1].Response!.Status);
        Assert.Equal("201 Created", result.Entry[2].Response!.Status);
        var outcome = Assert.IsType<OperationOutcome>(result.Entry[1].Response!.Outcome);
        Assert.Contains("resourceType", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task Transaction_ContainedWithoutResourceType_NamesEntry()
    {
        var family = $"Rejected{TestResources.UniqueValue()}";
        var body = Bundle(
            "transaction",
            PostPatient($$"""{"resourceType":"Patient","name":[{"family":"{{family}}"}]}"""),
            PostPatient("""{"resourceType":"Patient","contained":[{"id":"a"}]}"""));

        using var response = await PostAsync(body, JsonMediaType);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Contains("resourceType", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
        Assert.Contains("Bundle.entry[1]", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
        Assert.Empty((await Client.ReadBundleAsync($"Patient?family={family}")).Entry);
    }

    [Fact]
    public async System.Threading.Tasks.Task Batch_ErrorOutsideEntries_RejectsWholeBundle()
    {
        var family = $"Rejected{TestResources.UniqueValue()}";
        var body = $$"""
            {"resourceType":"Bundle","type":"batch","colour":"red","entry":[
              {{PostPatient($$"""{"resourceType":"Patient","name":[{"family":"{{family}}"}]}""")}},
              {{PostPatient("""{"resourceType":"Patient","birthDate":"not-a-date"}""")}}]}
            """;

        using var response = await PostAsync(body, JsonMediaType);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Contains("colour", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
        Assert.Empty((await Client.ReadBundleAsync($"Patient?family={family}")).Entry);
    }

    [Fact]
    public async System.Threading.Tasks.Task Batch_NullEntry_RejectsWholeBundle()
    {
        var body = Bundle(
            "batch",
            """{"request":{"method":"GET","url":"metadata"}}""",
            "null",
            """{"request":{"method":"GET","url":"metadata"}}""");

        using var response = await PostAsync(body, JsonMediaType);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Contains("null", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task Batch_EntryNotObject_FailsThatEntryOnly()
    {
        var body = Bundle(
            "batch",
            """{"request":{"method":"GET","url":"metadata"}}""",
            "5",
            """{"request":{"method":"GET","url":"metadata"}}""");

        using var response = await PostAsync(body, JsonMediaType);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await FhirTestClient.ReadAsync<Bundle>(response);
        Assert.Equal(3, result.Entry.Count);
        Assert.Equal("200 OK", result.Entry[0].Response!.Status);
        Assert.Equal("400 Bad Request", result.Entry[1].Response!.Status);
        Assert.Equal("200 OK", result.Entry[2].Response!.Status);
    }

    // Posts a batch of a valid Patient create, a create of invalidResource and a metadata read,
    // checks that only the middle entry failed, with 400 and its path, and returns its issue.
    private async System.Threading.Tasks.Task<OperationOutcome.IssueComponent> PostBatchWithFailingMiddleEntryAsync(string invalidResource)
    {
        var family = $"Valid{TestResources.UniqueValue()}";
        var body = Bundle(
            "batch",
            PostPatient($$"""{"resourceType":"Patient","name":[{"family":"{{family}}"}]}"""),
            PostPatient(invalidResource),
            """{"request":{"method":"GET","url":"metadata"}}""");

        using var response = await PostAsync(body, JsonMediaType);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await FhirTestClient.ReadAsync<Bundle>(response);
        Assert.Equal("201 Created", result.Entry[0].Response!.Status);
        Assert.Equal("400 Bad Request", result.Entry[1].Response!.Status);
        Assert.Null(result.Entry[1].Resource);
        Assert.Equal("200 OK", result.Entry[2].Response!.Status);
        var issue = Assert.IsType<OperationOutcome>(result.Entry[1].Response!.Outcome).Issue[0];
        Assert.Equal("Bundle.entry[1]", Assert.Single(issue.Expression));
        Assert.Single((await Client.ReadBundleAsync($"Patient?family={family}")).Entry);
        return issue;
    }

    private Task<HttpResponseMessage> PostAsync(string body, string mediaType)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Client.Url(string.Empty))
        {
            Content = FhirTestClient.RawContent(body, mediaType),
        };
        request.Headers.Accept.ParseAdd(JsonMediaType);
        return Client.Http.SendAsync(request);
    }

    private static string Bundle(string type, params string[] entries) =>
        $$"""{"resourceType":"Bundle","type":"{{type}}","entry":[{{string.Join(",", entries)}}]}""";

    private static string PostPatient(string resource) =>
        $$$"""{"resource":{{{resource}}},"request":{"method":"POST","url":"Patient"}}""";
}
