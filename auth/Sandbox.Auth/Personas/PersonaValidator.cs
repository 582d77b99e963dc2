namespace Sandbox.Auth.Personas;

/// <summary>Checks a persona before it is stored.</summary>
internal static class PersonaValidator
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the invalid field, with a message fit for the caller.</summary>
    public static void Validate(Persona persona)
    {
        if (string.IsNullOrWhiteSpace(persona.Username))
            throw new ArgumentException("A persona needs a username.");

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
}
