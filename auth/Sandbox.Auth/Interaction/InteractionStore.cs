using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;

namespace Sandbox.Auth.Interaction;

/// <summary>The open interaction sessions, kept in memory for at most 30 minutes each.</summary>
public sealed class InteractionStore(TimeProvider timeProvider)
{
    /// <summary>How long a session stays open after its authorization request arrived.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    private readonly ConcurrentDictionary<string, InteractionSession> _sessions = new(StringComparer.Ordinal);

    // The ids of finished sessions until they would have expired, so a page reached with the
    // browser's Back button can show that the request was finished, not that it is unknown.
    private readonly ConcurrentDictionary<string, DateTimeOffset> _finished = new(StringComparer.Ordinal);

    /// <summary>Opens a session that keeps an authorization request's parameters until it resumes.</summary>
    public InteractionSession Create(
        string clientId,
        string browserId,
        Func<string, string> returnUrl,
        IReadOnlyList<KeyValuePair<string, OpenIddictParameter>> requestParameters,
        IReadOnlyList<string> scopes)
    {
        RemoveExpired();
        var id = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));
        var session = new InteractionSession
        {
            Id = id,
            ClientId = clientId,
            BrowserId = browserId,
            ReturnUrl = returnUrl(id),
            RequestParameters = requestParameters,
            Scopes = scopes,
            ExpiresAt = timeProvider.GetUtcNow() + Lifetime,
        };
        _sessions[id] = session;
        return session;
    }

    /// <summary>Finds an open session, or returns null.</summary>
    public InteractionSession? Find(string? id)
    {
        if (id is null || !_sessions.TryGetValue(id, out var session))
            return null;

        return session.ExpiresAt > timeProvider.GetUtcNow() ? session : null;
    }

    /// <summary>
    /// Finds an open session whose request is not finished yet and that the requesting browser
    /// opened, or returns null. The interaction pages use it, because a page of a finished
    /// request can change nothing.
    /// </summary>
    public InteractionSession? FindUnfinished(string? id, HttpContext context) =>
        Find(id) is { IsFinished: false } session && InteractionBrowser.Owns(context, session) ? session : null;

    /// <summary>Closes a session once the authorization endpoint has responded to its request.</summary>
    public void Remove(string id)
    {
        if (_sessions.TryRemove(id, out var session))
            _finished[id] = session.ExpiresAt;
    }

    /// <summary>
    /// Whether the session's request is finished: closed by <see cref="Remove"/>, or still open
    /// with the user's consent decision in it, before it would have expired.
    /// </summary>
    public bool IsFinished(string? id)
    {
        if (id is null)
            return false;

        if (_sessions.TryGetValue(id, out var session))
            return session.IsFinished && session.ExpiresAt > timeProvider.GetUtcNow();

        return _finished.TryGetValue(id, out var expiresAt) && expiresAt > timeProvider.GetUtcNow();
    }

    private void RemoveExpired()
    {
        var now = timeProvider.GetUtcNow();
        foreach (var (id, session) in _sessions)
        {
            if (session.ExpiresAt <= now)
                _sessions.TryRemove(id, out _);
        }

        foreach (var (id, expiresAt) in _finished)
        {
            if (expiresAt <= now)
                _finished.TryRemove(id, out _);
        }
    }
}
