using System.Text.Json.Serialization;

namespace Sandbox.Auth.Personas;

/// <summary>Whom a persona signs in as.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PersonaRole>))]
public enum PersonaRole
{
    Practitioner,
    Patient,
}
