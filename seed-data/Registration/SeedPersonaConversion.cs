using Sandbox.Auth.Personas;
using Sandbox.SeedData.Personas;

namespace Sandbox.SeedData.Registration;

/// <summary>Describes seed personas as the authorization server stores them.</summary>
internal static class SeedPersonaConversion
{
    public static Persona ToPersona(SeedPersona persona) => new()
    {
        Username = persona.Username,
        DisplayName = persona.DisplayName,
        Role = persona.Kind == PersonaKind.Patient ? PersonaRole.Patient : PersonaRole.Practitioner,
        FhirUser = persona.FhirUser,
        Password = persona.Password,
        PatientIds = persona.PatientIds,
    };
}
