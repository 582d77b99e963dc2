using System.Net.Http.Headers;
using System.Text;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Sandbox.FhirStore.Formats;
using Sandbox.Testing;

namespace Sandbox.FhirStore.Tests;

/// <summary>An HTTP client for the FHIR base of a running sandbox, with FHIR JSON helpers.</summary>
internal sealed class FhirTestClient(HttpClient http, Uri fhirBase)
{
    public const string JsonMediaType = "application/fhir+json";

    public HttpClient Http { get; } = http;

    public static FhirTestClient For(SandboxServer server) => new(server.CreateClient(), server.FhirBase);

    public Uri Url(string relative) => new($"{fhirBase.ToString().TrimEnd('/')}/{relative.TrimStart('/')}");

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string relative, Resource? body = null, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, Url(relative));
        if (body is not null)
            request.Content = JsonContent(body);
        foreach (var (name, value) in headers)
            request.Headers.TryAddWithoutValidation(name, value);

        return Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string relative, params (string Name, string Value)[] headers) =>
        SendAsync(HttpMethod.Get, relative, null, headers);

    public Task<HttpResponseMessage> PostAsync(string relative, Resource body, params (string Name, string Value)[] headers) =>
        SendAsync(HttpMethod.Post, relative, body, headers);

    public Task<HttpResponseMessage> PutAsync(string relative, Resource body, params (string Name, string Value)[] headers) =>
        SendAsync(HttpMethod.Put, relative, body, headers);

    public Task<HttpResponseMessage> DeleteAsync(string relative, params (string Name, string Value)[] headers) =>
        SendAsync(HttpMethod.Delete, relative, null, headers);

    /// <summary>Sends a JSON Patch document with <c>PATCH</c>.</summary>
    public Task<HttpResponseMessage> PatchAsync(string relative, string patch, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, Url(relative))
        {
            Content = RawContent(patch, "application/json-patch+json"),
        };
        foreach (var (name, value) in headers)
            request.Headers.TryAddWithoutValidation(name, value);

        return Http.SendAsync(request);
    }

    /// <summary>Creates a resource and returns it as stored; fails the test on any status but 201.</summary>
    public async Task<T> CreateAsync<T>(T resource)
        where T : Resource
    {
        using var response = await PostAsync(resource.TypeName, resource);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return await ReadAsync<T>(response);
    }

    /// <summary>Reads a Bundle; fails the test on any status but 200.</summary>
    public async Task<Bundle> ReadBundleAsync(string relative)
    {
        using var response = await GetAsync(relative);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await ReadAsync<Bundle>(response);
    }

    /// <summary>Reads the first page and follows next links, at most ten pages; fails the test on any status but 200.</summary>
    public async Task<List<Bundle>> ReadAllPagesAsync(string relative)
    {
        var pages = new List<Bundle> { await ReadBundleAsync(relative) };
        while (pages.Count < 10 && pages[^1].Link.FirstOrDefault(link => link.Relation == "next") is { } next)
        {
            using var response = await Http.GetAsync(new Uri(next.Url!));
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            pages.Add(await ReadAsync<Bundle>(response));
        }

        return pages;
    }

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response)
        where T : Resource
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return (T)FhirSerializer.ParseJson(bytes);
    }

    public static StringContent JsonContent(Resource resource) =>
        new(resource.ToJson(), Encoding.UTF8, JsonMediaType);

    public static StringContent RawContent(string text, string mediaType)
    {
        var content = new StringContent(text, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        return content;
    }
}
