namespace Sandbox.FhirStore.Formats;

/// <summary>A FHIR wire format.</summary>
public enum FhirFormat
{
    Json,
    Xml,
}
