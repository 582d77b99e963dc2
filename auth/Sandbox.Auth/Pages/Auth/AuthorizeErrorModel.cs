namespace Sandbox.Auth.Pages.Auth;

/// <summary>
/// The content of the authorize error page: the OAuth error code, the failed check in plain
/// words, and OpenIddict's own error when it names another problem of the same request.
/// </summary>
public sealed record AuthorizeErrorModel(string Error, string Reason, string? LibraryError = null);
