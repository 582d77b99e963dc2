namespace Sandbox.FhirStore.Operations.Bundles;

/// <summary>How the bundle processor treats entries that carry their own ids.</summary>
public enum BundleMode
{
    /// <summary>As FHIR REST specifies: a POST gets a server-assigned id.</summary>
    Rest,

    /// <summary>
    /// For loading data sets: a POST whose resource has an id stores it under that id
    /// (creating or updating), so repeated resources such as Practitioners end up as one.
    /// </summary>
    Import,
}
