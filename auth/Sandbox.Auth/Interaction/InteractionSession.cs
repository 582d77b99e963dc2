using OpenIddict.Abstractions;

namespace Sandbox.Auth.Interaction;

/// <summary>
/// The state of one authorization request while the user goes through the sign-in, picker and
/// consent pages. It is kept on the server, so the app cannot pick a patient or a user by
/// adding parameters to its request.
/// </summary>
public sealed class InteractionSession
{
    public required string Id { get; init; }

    public required string ClientId { get; init; }

    /// <summary>The id of the browser that sent the authorization request (see <see cref="InteractionBrowser"/>).</summary>
    public required string BrowserId { get; init; }

    /// <summary>
    /// The authorize URL (path and query) that resumes the request. It carries only the session
    /// id, so a request of any size fits into the GET that a page redirects to.
    /// </summary>
    public required string ReturnUrl { get; init; }

    /// <summary>The parameters of the authorization request, restored when it resumes.</summary>
    public required IReadOnlyList<KeyValuePair<string, OpenIddictParameter>> RequestParameters { get; init; }

    /// <summary>The scopes granted before consent, shown on the consent page.</summary>
    public required IReadOnlyList<string> Scopes { get; set; }

    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The persona the user signed in as.</summary>
    public string? Username { get; set; }

    /// <summary>
    /// When the user signed in on the sign-in page during this request, or null when the page
    /// was not shown. A persona named by a launch that skips sign-in leaves it null.
    /// </summary>
    public DateTimeOffset? SignedInAt { get; set; }

    /// <summary>The patient picked on the patient picker.</summary>
    public string? PatientId { get; set; }

    /// <summary>True once the encounter picker was answered, even with "no encounter".</summary>
    public bool EncounterAnswered { get; set; }

    /// <summary>The encounter picked on the encounter picker.</summary>
    public string? EncounterId { get; set; }

    /// <summary>The scopes the user left ticked on the consent page, or null before consent.</summary>
    public IReadOnlyList<string>? ConsentedScopes { get; set; }

    /// <summary>True when the user refused on the consent page.</summary>
    public bool ConsentDenied { get; set; }

    /// <summary>The page on which the user cancelled the request, such as "patient picker", or null.</summary>
    public string? CancelledOn { get; set; }

    /// <summary>
    /// True once the user allowed or denied on the consent page or cancelled on the sign-in page
    /// or a picker, which finishes the request.
    /// </summary>
    public bool IsFinished => ConsentDenied || ConsentedScopes is not null || CancelledOn is not null;

    /// <summary>The launch journal key of the request, so every page of one flow writes to one journal.</summary>
    public string? JournalKey { get; set; }
}
