using System.Security.Claims;
using Sandbox.Smart;

namespace Sandbox.EhrUi.Account;

/// <summary>The persona signed in to the EHR.</summary>
/// <param name="Username">The persona's username in the authorization server's persona store.</param>
/// <param name="DisplayName">The name shown in the header and the frame.</param>
/// <param name="Role">The persona's role, such as <c>Practitioner</c>.</param>
/// <param name="FhirUser">The persona's FHIR resource, such as <c>Practitioner/pr-1</c>.</param>
public sealed record EhrUser(string Username, string DisplayName, string Role, string FhirUser)
{
    /// <summary>Reads the persona from the claims the sign-in cookie carries.</summary>
    public static EhrUser? From(ClaimsPrincipal principal)
    {
        var username = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (username is null)
            return null;

        return new EhrUser(
            username,
            principal.FindFirstValue("name") ?? username,
            EhrSignIn.ReadRole(principal) ?? string.Empty,
            principal.FindFirstValue(SmartParameters.FhirUser) ?? string.Empty);
    }

    /// <summary>Up to two capital initials of the display name, for the photo placeholder.</summary>
    public string Initials => PersonaInitials.Of(DisplayName);
}
