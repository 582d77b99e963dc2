using System.Text.Json.Serialization;
using Sandbox.Auth.Api;

namespace Sandbox.Auth.Personas;

/// <summary>Whom a persona signs in as.</summary>
[JsonConverter(typeof(NamedEnumConverter<PersonaRole>))]
public enum PersonaRole
{
    Practitioner,
    Patient,
}
