namespace Sandbox.SeedData.Apps;

/// <summary>
/// The credentials generated for one seed app at first start. Exactly one of
/// <see cref="ClientSecret"/> and <see cref="PublicJwks"/> is set, or neither for a public app.
/// </summary>
/// <param name="ClientId">The app's client_id.</param>
/// <param name="ClientSecret">The client secret of a symmetric confidential app.</param>
/// <param name="PublicJwks">The JSON Web Key Set with the app's public key, to register with the authorization server.</param>
/// <param name="PrivateJwkPath">The file in the data folder holding the private JWK that a tester's app signs with.</param>
public sealed record SeedAppCredential(string ClientId, string? ClientSecret, string? PublicJwks, string? PrivateJwkPath);
