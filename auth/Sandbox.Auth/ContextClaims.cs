namespace Sandbox.Auth;

/// <summary>
/// Claim names the sandbox adds to its tokens beside the SMART ones in
/// <see cref="Sandbox.Smart.SmartParameters"/>.
/// </summary>
internal static class ContextClaims
{
    /// <summary>The launch id, so the token endpoint and the FHIR endpoint find the launch's settings.</summary>
    public const string Launch = "sandbox_launch";

    /// <summary>
    /// The launch journal key of a flow without a launch id, so the token endpoint and the FHIR
    /// endpoint record into the journal the authorization request started.
    /// </summary>
    public const string Journal = "sandbox_journal";

    /// <summary>The extra launch parameters as a JSON object.</summary>
    public const string Extra = "sandbox_extra";

    /// <summary>
    /// A flag set to <c>true</c> when the patient in context was chosen during authorization, in
    /// the patient picker or as the only patient a patient persona may open, and not named by an
    /// EHR launch.
    /// </summary>
    public const string PatientPicked = "sandbox_patient_picked";

    /// <summary>
    /// A flag set to <c>true</c> when the token response to the authorization code names the
    /// patient in context, so that a refresh whose narrower scope drops <c>launch</c> and
    /// <c>launch/patient</c> but keeps <c>patient/</c> scopes still names that patient.
    /// </summary>
    public const string PatientReturned = "sandbox_patient_returned";

    /// <summary>
    /// The ids of the patients that <c>user/</c> scopes are limited to as a JSON array, present
    /// when the user is a patient or a related person.
    /// </summary>
    public const string UserPatients = "sandbox_user_patients";
}
