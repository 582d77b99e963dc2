using Sandbox.FhirStore.Operations;

namespace Sandbox.Auth.Personas;

/// <summary>Checks a persona before it is stored.</summary>
internal static class PersonaValidator
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the invalid field, with a message fit for the caller.</summary>
    public static void Validate(Persona persona)
    {
        if (string.IsNullOrWhiteSpace(persona.Username))
            throw new ArgumentException("A persona needs a username.");

        // RFC 3986 unreserved characters, as client ids use, so that /api/personas/{username}
        // reaches the persona without escaping.
        if (!persona.Username.All(IsUnreserved))
            throw new ArgumentException($"username '{persona.Username}' is invalid: use only letters, digits and '.', '_', '~', '-'.");

        RejectNullMembers(persona);

        if (!Enum.IsDefined(persona.Role))
            throw new ArgumentException($"Persona '{persona.Username}' has role {persona.Role}; use Practitioner or Patient.");

        var expectedType = persona.Role == PersonaRole.Patient ? "Patient/" : "Practitioner/";
        var isPractitionerRole = persona.Role == PersonaRole.Practitioner && persona.FhirUser.StartsWith("PractitionerRole/", StringComparison.Ordinal);
        if (!persona.FhirUser.StartsWith(expectedType, StringComparison.Ordinal) && !isPractitionerRole)
        {
            throw new ArgumentException(
                $"Persona '{persona.Username}' has fhirUser '{persona.FhirUser}', which should start with '{expectedType}' for its role.");
        }

        RejectInvalidIds(persona);
    }

    // The fhirUser claim and the launch's patient are built from these ids, so an app must be
    // able to read each of them back as Type/id from the FHIR server.
    private static void RejectInvalidIds(Persona persona)
    {
        var fhirUserId = persona.FhirUser[(persona.FhirUser.IndexOf('/') + 1)..];
        if (!ResourceTypes.IsValidId(fhirUserId))
        {
            throw new ArgumentException(
                $"Persona '{persona.Username}' has fhirUser '{persona.FhirUser}', whose id '{fhirUserId}' is not a FHIR id: "
                + "use 1 to 64 letters, digits, '-' and '.', as in 'Practitioner/pr-1'.");
        }

        foreach (var patientId in persona.PatientIds)
        {
            if (!ResourceTypes.IsValidId(patientId))
            {
                throw new ArgumentException(
                    $"Persona '{persona.Username}' has '{patientId}' in patientIds, which is not a FHIR id: "
                    + "give each patient's id alone, such as 'p-1', not 'Patient/p-1'.");
            }
        }
    }

    // System.Text.Json sets a member that the JSON gives as null to null, even a required one.
    private static void RejectNullMembers(Persona persona)
    {
        if (persona.DisplayName is null)
            throw new ArgumentException($"Persona '{persona.Username}' has displayName null: send the name to show as a string.");

        if (persona.FhirUser is null)
            throw new ArgumentException($"Persona '{persona.Username}' has fhirUser null: send a reference such as 'Practitioner/pr-1'.");

        if (persona.PatientIds is null)
            throw new ArgumentException($"Persona '{persona.Username}' has patientIds null: send a list of patient ids, or [] for none.");

        if (persona.PatientIds.Contains(null!))
            throw new ArgumentException($"Persona '{persona.Username}' has null in patientIds: send each patient id as a string.");
    }

    private static bool IsUnreserved(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '~' or '-';
}
