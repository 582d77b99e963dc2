using System.Collections.Frozen;
using Sandbox.Smart;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sandbox.Auth.Launches;

/// <summary>
/// The token response members that a launch's extra parameters may not name: those that
/// RFC 6749, OpenID Connect Core or SMART App Launch 2.2 define, and <c>fhirUser</c>, the
/// id_token claim SMART defines. The sandbox sets each of them from the grant, so an extra
/// parameter of that name would describe a token it did not issue, such as a patient that
/// the access token is not confined to.
/// </summary>
public static class ReservedTokenParameters
{
    private static readonly FrozenSet<string> Names = new[]
    {
        Parameters.AccessToken, Parameters.TokenType, Parameters.ExpiresIn, Parameters.Scope,
        Parameters.RefreshToken, Parameters.IdToken, Parameters.State,
        Parameters.Error, Parameters.ErrorDescription, Parameters.ErrorUri,
        SmartParameters.Patient, SmartParameters.Encounter, SmartParameters.FhirContext,
        SmartParameters.NeedPatientBanner, SmartParameters.SmartStyleUrl, SmartParameters.Intent,
        SmartParameters.Tenant, SmartParameters.FhirUser,
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// Returns why a launch may not have an extra parameter named <paramref name="name"/>, or
    /// null when it may.
    /// </summary>
    public static string? FindProblem(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return "An extra parameter has an empty or blank name; give each extra parameter a name.";

        return Names.Contains(name)
            ? $"The extra parameter '{name}' is a token response member that OAuth 2.0, OpenID Connect or SMART App Launch defines, "
                + "and the sandbox sets it from the grant. Set patient, encounter, fhirContext, intent, need_patient_banner, "
                + "smart_style_url and tenant with the launch's own fields, or give the parameter another name."
            : null;
    }
}
