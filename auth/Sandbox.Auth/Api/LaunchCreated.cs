namespace Sandbox.Auth.Api;

/// <summary>The answer to <c>POST /api/launches</c>.</summary>
/// <param name="LaunchId">The opaque launch id, passed to the app as <c>launch</c>.</param>
/// <param name="Iss">The FHIR base URL, passed to the app as <c>iss</c>.</param>
/// <param name="LaunchUrl">The app's launch URL with <c>iss</c> and <c>launch</c>, when the app has one.</param>
/// <param name="ExpiresAt">When the launch id stops working.</param>
public sealed record LaunchCreated(string LaunchId, string Iss, string? LaunchUrl, DateTimeOffset ExpiresAt);
