using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Sandbox.FhirStore.Tests.Rest;

/// <summary>Request values are often patient data, so rejected requests must not write them to the log.</summary>
public sealed class LogPrivacyTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private FhirTestClient Client => fixture.Client;

    [Fact]
    public async System.Threading.Tasks.Task ConditionalCreate_MultipleMatches_LogsNoCriteria()
    {
        var mrn = "LOGMRN" + TestResources.UniqueValue();
        await Client.CreateAsync(TestResources.Patient(mrn: mrn));
        await Client.CreateAsync(TestResources.Patient(mrn: mrn));
        using var capture = Capture();

        using var response = await Client.PostAsync("Patient", TestResources.Patient(), ("If-None-Exist", $"identifier={mrn}"));

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.NotEmpty(capture.Messages);
        Assert.DoesNotContain(capture.Messages, message => message.Contains(mrn, StringComparison.Ordinal));
    }

    [Fact]
    public async System.Threading.Tasks.Task Search_InvalidDate_LogsNoValue()
    {
        using var capture = Capture();

        using var response = await Client.GetAsync("Patient?birthdate=1999-13-45&_count=1", ("Prefer", "handling=strict"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty(capture.Messages);
        Assert.DoesNotContain(capture.Messages, message => message.Contains("1999-13-45", StringComparison.Ordinal));
    }

    [Fact]
    public async System.Threading.Tasks.Task Create_InvalidLiteral_LogsNoValue()
    {
        using var capture = Capture();
        var body = """{"resourceType":"Patient","birthDate":"1988-14-77"}""";

        using var response = await Client.Http.PostAsync(Client.Url("Patient"), FhirTestClient.RawContent(body, FhirTestClient.JsonMediaType));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty(capture.Messages);
        Assert.DoesNotContain(capture.Messages, message => message.Contains("1988-14-77", StringComparison.Ordinal));
    }

    private LogCapture Capture()
    {
        var capture = new LogCapture();
        fixture.Server.Services.GetRequiredService<ILoggerFactory>().AddProvider(capture);
        return capture;
    }
}
