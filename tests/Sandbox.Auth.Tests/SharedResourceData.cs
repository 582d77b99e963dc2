using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Task = System.Threading.Tasks.Task;

namespace Sandbox.Auth.Tests;

/// <summary>
/// Records of two patients that point to shared resources, and helpers that send FHIR requests
/// with a token from an EHR launch of the practitioner persona for patient p-1.
/// </summary>
internal static class SharedResourceData
{
    public const string PractitionerIdentifier = "http://example.org/npi|2";

    /// <summary>Stores the records: p-1's Observation performed by pr-2, p-2's Observation, RelatedPerson and Device.</summary>
    public static Task SaveAsync(AuthFixture fixture) =>
        fixture.SaveAsync(
            new Organization { Id = "org-1", Name = "Clinic" },
            new Location { Id = "loc-1", Name = "Room 1", ManagingOrganization = new ResourceReference("Organization/org-1") },
            new Practitioner { Id = "pr-2", Identifier = [new Identifier("http://example.org/npi", "2")] },
            Observation("obs-1", AuthFixture.PatientId),
            Observation("obs-2", "p-2"),
            new RelatedPerson { Id = "rp-2", Patient = new ResourceReference("Patient/p-2") },
            new Device { Id = "dev-2", Patient = new ResourceReference("Patient/p-2") });

    private static Observation Observation(string id, string patientId) => new()
    {
        Id = id,
        Status = ObservationStatus.Final,
        Code = new CodeableConcept("http://loinc.org", "8867-4"),
        Subject = new ResourceReference($"Patient/{patientId}"),
        Performer = [new ResourceReference("Practitioner/pr-2")],
    };

    /// <summary>Launches the practitioner persona for p-1 with <paramref name="scope"/> and returns the access token.</summary>
    public static async Task<string> TokenAsync(AuthFixture fixture, string scope)
    {
        await fixture.RegisterPublicAppAsync("app");
        var launch = new
        {
            clientId = "app",
            user = AuthFixture.PractitionerUser,
            patient = AuthFixture.PatientId,
            skipLogin = true,
            skipConsent = true,
        };
        var token = await fixture.LaunchAndRedeemAsync("app", scope, launch);
        return token["access_token"]!.GetValue<string>();
    }

    public static async Task<HttpResponseMessage> SendAsync(
        AuthFixture fixture,
        HttpMethod method,
        string path,
        string token,
        Resource? body = null)
    {
        using var request = new HttpRequestMessage(method, path.StartsWith("http", StringComparison.Ordinal) ? path : $"/fhir/{path}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
            request.Content = new StringContent(body.ToJson(), Encoding.UTF8, "application/fhir+json");

        return await fixture.Client.SendAsync(request);
    }

    /// <summary>Returns the resources of a Bundle response as <c>Type/id</c>.</summary>
    public static async Task<List<string>> EntryReferencesAsync(HttpResponseMessage response)
    {
        var bundle = await AuthFixture.ReadJsonAsync(response);
        return (bundle["entry"]?.AsArray() ?? [])
            .Select(entry => entry!["resource"]!)
            .Select(resource => $"{resource["resourceType"]!.GetValue<string>()}/{resource["id"]!.GetValue<string>()}")
            .ToList();
    }

    /// <summary>Returns the URL of a Bundle link, or null.</summary>
    public static string? Link(JsonObject bundle, string relation) =>
        (bundle["link"]?.AsArray() ?? [])
            .FirstOrDefault(link => link!["relation"]!.GetValue<string>() == relation)?["url"]!.GetValue<string>();

    /// <summary>Builds a batch Bundle of GET entries.</summary>
    public static Bundle Batch(params string[] urls)
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Batch };
        foreach (var url in urls)
            bundle.Entry.Add(new Bundle.EntryComponent { Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.GET, Url = url } });

        return bundle;
    }

    /// <summary>Returns the status line of each entry of a batch-response Bundle.</summary>
    public static async Task<List<string>> EntryStatusesAsync(HttpResponseMessage response)
    {
        var bundle = await AuthFixture.ReadJsonAsync(response);
        return bundle["entry"]!.AsArray().Select(entry => entry!["response"]!["status"]!.GetValue<string>()).ToList();
    }
}
