namespace Sandbox.Smart;

/// <summary>
/// Parameter and claim names of the SMART App Launch 2.2 protocol, spelled as the
/// specification spells them. Every module uses these constants instead of literals.
/// </summary>
public static class SmartParameters
{
    public const string Iss = "iss";
    public const string Launch = "launch";
    public const string Aud = "aud";
    public const string Scope = "scope";
    public const string Patient = "patient";
    public const string Encounter = "encounter";
    public const string FhirUser = "fhirUser";
    public const string FhirContext = "fhirContext";
    public const string NeedPatientBanner = "need_patient_banner";
    public const string SmartStyleUrl = "smart_style_url";
    public const string Intent = "intent";
    public const string Tenant = "tenant";
    public const string ClientId = "client_id";
}
