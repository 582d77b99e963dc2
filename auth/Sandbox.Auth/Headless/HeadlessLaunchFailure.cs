namespace Sandbox.Auth.Headless;

/// <summary>Why a headless launch ended without a token.</summary>
/// <param name="Status">The HTTP status of the admin API response: 400 for a bad request, 422 for an OAuth error in the flow.</param>
/// <param name="Detail">What failed and what to change.</param>
/// <param name="Error">The OAuth <c>error</c> the flow ended with, if any.</param>
/// <param name="ErrorDescription">The OAuth <c>error_description</c>, if any.</param>
/// <param name="Step">The endpoint that failed: <c>authorize</c> or <c>token</c>, or null before the flow started.</param>
internal sealed record HeadlessLaunchFailure(int Status, string Detail, string? Error = null, string? ErrorDescription = null, string? Step = null);
