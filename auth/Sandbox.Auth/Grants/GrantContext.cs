using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using OpenIddict.Abstractions;
using Sandbox.Smart;

namespace Sandbox.Auth.Grants;

/// <summary>
/// The patient and encounter in context of a grant, stored as a property of its OpenIddict
/// authorization. The tokens carry them too, but refresh tokens are encrypted and token entries
/// store no claims, so the app access page reads them from the authorization.
/// </summary>
internal sealed record GrantContext(
    [property: JsonPropertyName("patient")] string? Patient,
    [property: JsonPropertyName("encounter")] string? Encounter)
{
    /// <summary>The name of the authorization property.</summary>
    public const string PropertyName = "sandbox_context";

    /// <summary>Reads the context of the principal an authorization code is issued for.</summary>
    public static GrantContext From(ClaimsPrincipal principal) =>
        new(principal.GetClaim(SmartParameters.Patient), principal.GetClaim(SmartParameters.Encounter));

    /// <summary>Returns the property value to store.</summary>
    public JsonElement ToProperty() => JsonSerializer.SerializeToElement(this);

    /// <summary>
    /// Reads the context from an authorization's properties. An authorization stored before
    /// the property existed, or created by OpenIddict itself, has none, so it reads as no context.
    /// </summary>
    public static GrantContext Read(IReadOnlyDictionary<string, JsonElement> properties) =>
        properties.TryGetValue(PropertyName, out var value) && value.ValueKind == JsonValueKind.Object
            ? value.Deserialize<GrantContext>() ?? new(null, null)
            : new(null, null);
}
