namespace Sandbox.EhrUi.Launching;

/// <summary>
/// The tokens of the iframe <c>sandbox</c> attribute: those the HTML Living Standard defines for
/// the attribute, and <c>allow-storage-access-by-user-activation</c>, which the Storage Access
/// API specification adds. Browsers ignore any other token, so a typo leaves the frame locked
/// down and the app stuck without a visible error.
/// </summary>
public static class IframeSandboxTokens
{
    /// <summary>The allowed tokens; browsers compare them ASCII case-insensitively.</summary>
    public static readonly IReadOnlySet<string> Allowed = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "allow-downloads",
        "allow-forms",
        "allow-modals",
        "allow-orientation-lock",
        "allow-pointer-lock",
        "allow-popups",
        "allow-popups-to-escape-sandbox",
        "allow-presentation",
        "allow-same-origin",
        "allow-scripts",
        "allow-storage-access-by-user-activation",
        "allow-top-navigation",
        "allow-top-navigation-by-user-activation",
        "allow-top-navigation-to-custom-protocols",
    };

    private static readonly char[] Separators = [' ', '\t', '\n', '\f', '\r'];

    /// <summary>Returns the tokens of <paramref name="value"/> that are not in <see cref="Allowed"/>.</summary>
    public static IReadOnlyList<string> FindUnknown(string? value) =>
        (value ?? string.Empty)
            .Split(Separators, StringSplitOptions.RemoveEmptyEntries)
            .Where(token => !Allowed.Contains(token))
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
