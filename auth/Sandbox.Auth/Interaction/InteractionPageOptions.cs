namespace Sandbox.Auth.Interaction;

/// <summary>
/// The look of the sign-in, picker, consent and authorization error pages. The module that
/// serves a style sheet and a home page (the fake EHR) sets these options, so the pages match
/// it. The defaults give unstyled pages that link to the site root.
/// </summary>
public sealed class InteractionPageOptions
{
    /// <summary>The path of the style sheet the pages link, or null for none.</summary>
    public string? StyleSheetPath { get; set; }

    /// <summary>The path of the icon the pages link, or null for none.</summary>
    public string? IconPath { get; set; }

    /// <summary>The text appended to every page title, such as <c> · Sandbox EHR</c>.</summary>
    public string TitleSuffix { get; set; } = " - SMART sandbox";

    /// <summary>The .NET format of full dates, such as a birth date, applied in the invariant culture.</summary>
    public string DateFormat { get; set; } = "d MMM yyyy";

    /// <summary>The .NET format of dates with a time of day, applied in the invariant culture.</summary>
    public string DateTimeFormat { get; set; } = "d MMM yyyy HH:mm";

    /// <summary>The page that the error pages link back to.</summary>
    public string HomePath { get; set; } = "/";

    /// <summary>The name of the site at <see cref="HomePath"/>, used in the link text.</summary>
    public string HomeName { get; set; } = "the sandbox";
}
