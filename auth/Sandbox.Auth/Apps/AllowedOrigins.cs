using System.Collections.Concurrent;

namespace Sandbox.Auth.Apps;

/// <summary>
/// The browser origins of the registered apps, derived from their redirect and launch URLs
/// and updated as soon as the registry changes.
/// </summary>
public sealed class AllowedOrigins
{
    private readonly AppRegistry _apps;
    private readonly ConcurrentDictionary<string, string[]> _originsByClient = new(StringComparer.Ordinal);

    public AllowedOrigins(AppRegistry apps)
    {
        _apps = apps;
        apps.Changed += Update;
    }

    /// <summary>Whether a browser origin belongs to a registered app.</summary>
    public bool Contains(string origin) =>
        _originsByClient.Values.Any(origins => origins.Contains(origin, StringComparer.OrdinalIgnoreCase));

    /// <summary>Loads the origins of every registered app; called once at start-up.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        foreach (var app in await _apps.ListAsync(cancellationToken))
            Update(app.ClientId!, app);
    }

    private void Update(string clientId, SmartApp? app)
    {
        if (app is null)
        {
            _originsByClient.TryRemove(clientId, out _);
            return;
        }

        _originsByClient[clientId] = app.RedirectUris
            .Append(app.LaunchUrl)
            .Select(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null)
            .OfType<string>()
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();
    }
}
