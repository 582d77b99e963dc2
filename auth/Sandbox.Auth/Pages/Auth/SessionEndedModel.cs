namespace Sandbox.Auth.Pages.Auth;

/// <summary>
/// The content of the 400 page shown when an interaction page is reached with a session it
/// cannot use: ended, another browser's, or at another step of the request.
/// </summary>
/// <param name="Heading">The page heading.</param>
/// <param name="Message">What is wrong and what to do next.</param>
/// <param name="ContinueUrl">The authorize URL that resumes an open request at its next page, or null.</param>
public sealed record SessionEndedModel(string Heading, string Message, string? ContinueUrl = null);
