namespace Sandbox.Auth.Pages.Auth;

/// <summary>The content of the page shown when an interaction page is reached with an ended session.</summary>
public sealed record SessionEndedModel(string Heading, string Message);
