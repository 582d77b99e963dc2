using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Sandbox.Auth.Apps;
using Sandbox.SeedData.Apps;

namespace Sandbox.SeedData.Registration;

/// <summary>
/// Registers every seed app in the <see cref="AppRegistry"/> with its generated credentials,
/// replacing an earlier registration of the same client id, so that a restart on a kept data
/// folder picks up a new port or a regenerated key.
/// </summary>
internal sealed class SeedAppRegistrar(
    AppRegistry registry,
    SeedAppCredentialStore credentials,
    ILogger<SeedAppRegistrar> logger)
{
    /// <summary>
    /// Registers or replaces every seed app. Paths that start with <c>/</c> become one redirect
    /// URI per origin, and a relative launch URI is placed on the first origin.
    /// </summary>
    public async Task RegisterAllAsync(IReadOnlyList<string> origins, CancellationToken cancellationToken)
    {
        foreach (var seedApp in SeedApps.All)
        {
            var app = ToSmartApp(seedApp, credentials.LoadOrCreate(seedApp), origins);
            if (await registry.FindAsync(seedApp.ClientId, cancellationToken) is null)
                await registry.RegisterAsync(app, cancellationToken);
            else
                await registry.ReplaceAsync(app, cancellationToken);
        }

        Log.SeedAppsRegistered(logger, SeedApps.All.Count, string.Join(", ", origins));
    }

    /// <summary>Describes a seed app as the authorization server registers it.</summary>
    public static SmartApp ToSmartApp(SeedApp app, SeedAppCredential credential, IReadOnlyList<string> origins) => new()
    {
        ClientId = app.ClientId,
        Name = app.Name,
        Description = app.Description,
        Kind = ToAppKind(app.Kind),
        TokenEndpointAuthMethod = app.TokenEndpointAuthMethod,
        ClientSecret = credential.ClientSecret,
        Jwks = credential.PublicJwks is null ? null : JsonNode.Parse(credential.PublicJwks)!.AsObject(),
        RedirectUris = [.. app.RedirectUris.SelectMany(uri => Resolve(uri, origins))],
        LaunchUrl = app.LaunchUri is null ? null : Resolve(app.LaunchUri, origins).FirstOrDefault(),
        Scopes = app.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries),
    };

    private static AppKind ToAppKind(SeedAppKind kind) => kind switch
    {
        SeedAppKind.PublicPkce => AppKind.Public,
        SeedAppKind.ConfidentialSymmetric => AppKind.ConfidentialSymmetric,
        SeedAppKind.ConfidentialAsymmetric => AppKind.ConfidentialAsymmetric,
        SeedAppKind.BackendService => AppKind.BackendService,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown seed app kind."),
    };

    private static IEnumerable<string> Resolve(string uri, IReadOnlyList<string> origins) =>
        uri.StartsWith('/') ? origins.Select(origin => origin.TrimEnd('/') + uri) : [uri];
}
