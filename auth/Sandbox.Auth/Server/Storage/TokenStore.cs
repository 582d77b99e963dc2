using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sandbox.Auth.Server.Storage;

/// <summary>
/// OpenIddict's token store over <see cref="AuthEntities"/>: lookups by id, reference id,
/// authorization, application and subject are dictionary reads, and each write is committed
/// to SQLite before it returns.
/// </summary>
/// <remarks>One instance per request scope, which tracks the copies it hands out (see <see cref="TrackedCopies{TEntity}"/>).</remarks>
internal sealed partial class TokenStore(AuthEntities entities, TimeProvider timeProvider) : IOpenIddictTokenStore<StoredToken>
{
    private readonly TrackedCopies<StoredToken> _copies = new();

    private EntityTable<StoredToken> Tokens => entities.Tokens;

    public ValueTask<long> CountAsync(CancellationToken cancellationToken) => new(Tokens.Count);

    public ValueTask<long> CountAsync<TResult>(Func<IQueryable<StoredToken>, IQueryable<TResult>> query, CancellationToken cancellationToken) =>
        new(query(Copies().AsQueryable()).LongCount());

    public ValueTask CreateAsync(StoredToken token, CancellationToken cancellationToken)
    {
        Tokens.Insert(token);
        _copies.Track(token);
        return ValueTask.CompletedTask;
    }

    public ValueTask DeleteAsync(StoredToken token, CancellationToken cancellationToken)
    {
        Tokens.Delete([token.Id]);
        return ValueTask.CompletedTask;
    }

    public IAsyncEnumerable<StoredToken> FindAsync(string? subject, string? client, string? status, string? type, CancellationToken cancellationToken)
    {
        var candidates = subject is not null ? Tokens.FindBy(entities.TokensBySubject, subject)
            : client is not null ? Tokens.FindBy(entities.TokensByApplication, client)
            : Copies();
        var matches = candidates.Where(token => Matches(token, subject, client, status, type));
        return AsyncSequence.From(_copies.TrackAll(matches), cancellationToken);
    }

    public IAsyncEnumerable<StoredToken> FindByApplicationIdAsync(string identifier, CancellationToken cancellationToken) =>
        AsyncSequence.From(_copies.TrackAll(Tokens.FindBy(entities.TokensByApplication, identifier)), cancellationToken);

    public IAsyncEnumerable<StoredToken> FindByAuthorizationIdAsync(string identifier, CancellationToken cancellationToken) =>
        AsyncSequence.From(_copies.TrackAll(Tokens.FindBy(entities.TokensByAuthorization, identifier)), cancellationToken);

    public ValueTask<StoredToken?> FindByIdAsync(string identifier, CancellationToken cancellationToken) =>
        new(_copies.Get(identifier, Tokens));

    public ValueTask<StoredToken?> FindByReferenceIdAsync(string identifier, CancellationToken cancellationToken) =>
        new(_copies.Track(Tokens.FindBy(entities.TokensByReferenceId, identifier).FirstOrDefault()));

    public IAsyncEnumerable<StoredToken> FindBySubjectAsync(string subject, CancellationToken cancellationToken) =>
        AsyncSequence.From(_copies.TrackAll(Tokens.FindBy(entities.TokensBySubject, subject)), cancellationToken);

    public ValueTask<TResult?> GetAsync<TState, TResult>(
        Func<IQueryable<StoredToken>, TState, IQueryable<TResult>> query,
        TState state,
        CancellationToken cancellationToken) =>
        new(query(Copies().AsQueryable(), state).FirstOrDefault());

    public ValueTask<StoredToken> InstantiateAsync(CancellationToken cancellationToken) => new(new StoredToken());

    public IAsyncEnumerable<StoredToken> ListAsync(int? count, int? offset, CancellationToken cancellationToken) =>
        AsyncSequence.From(AsyncSequence.Page(Copies(), count, offset), cancellationToken);

    public IAsyncEnumerable<TResult> ListAsync<TState, TResult>(
        Func<IQueryable<StoredToken>, TState, IQueryable<TResult>> query,
        TState state,
        CancellationToken cancellationToken) =>
        AsyncSequence.From(query(Copies().AsQueryable(), state), cancellationToken);

    /// <summary>
    /// Deletes tokens created before <paramref name="threshold"/> that can no longer be used:
    /// redeemed, revoked or rejected ones, expired ones and those whose authorization is no
    /// longer valid. These are the rules of OpenIddict's Entity Framework Core store.
    /// </summary>
    public ValueTask<long> PruneAsync(DateTimeOffset threshold, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var ids = Tokens.Stored
            .Where(token => token.CreationDate < threshold && IsUnusable(token, now))
            .Select(token => token.Id)
            .ToList();
        return new(Tokens.Delete(ids));
    }

    public ValueTask<long> RevokeAsync(string? subject, string? client, string? status, string? type, CancellationToken cancellationToken)
    {
        var ids = Tokens.Stored
            .Where(token => Matches(token, subject, client, status, type))
            .Select(token => token.Id)
            .ToList();
        return new(Revoke(ids));
    }

    public ValueTask<long> RevokeByApplicationIdAsync(string identifier, CancellationToken cancellationToken) =>
        new(Revoke(entities.TokensByApplication.Find(identifier).ToList()));

    public ValueTask<long> RevokeByAuthorizationIdAsync(string identifier, CancellationToken cancellationToken) =>
        new(Revoke(entities.TokensByAuthorization.Find(identifier).ToList()));

    public ValueTask<long> RevokeBySubjectAsync(string subject, CancellationToken cancellationToken) =>
        new(Revoke(entities.TokensBySubject.Find(subject).ToList()));

    public ValueTask UpdateAsync(StoredToken token, CancellationToken cancellationToken)
    {
        Tokens.Update(token);
        return ValueTask.CompletedTask;
    }

    private IEnumerable<StoredToken> Copies() => Tokens.Stored.Select(token => token.Clone());

    private static bool Matches(StoredToken token, string? subject, string? client, string? status, string? type) =>
        (subject is null || token.Subject == subject)
        && (client is null || token.ApplicationId == client)
        && (status is null || token.Status == status)
        && (type is null || token.Type == type);

    private bool IsUnusable(StoredToken token, DateTimeOffset now)
    {
        if (token.Status is not (Statuses.Inactive or Statuses.Valid) || token.ExpirationDate < now)
            return true;

        return token.AuthorizationId is not null
            && entities.Authorizations.Find(token.AuthorizationId) is { Status: not Statuses.Valid };
    }

    private long Revoke(List<string> ids)
    {
        long revoked = 0;
        foreach (var id in ids)
        {
            if (Tokens.Change(id, SetRevoked))
                revoked++;
        }

        return revoked;
    }

    private static bool SetRevoked(StoredToken token)
    {
        if (token.Status == Statuses.Revoked)
            return false;

        token.Status = Statuses.Revoked;
        return true;
    }
}
