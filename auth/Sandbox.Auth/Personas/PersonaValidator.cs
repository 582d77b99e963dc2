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
