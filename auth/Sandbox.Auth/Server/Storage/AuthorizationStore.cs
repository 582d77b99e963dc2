using System.Collections.Immutable;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sandbox.Auth.Server.Storage;

/// <summary>
/// OpenIddict's authorization store over <see cref="AuthEntities"/>, one instance per request
/// scope, which tracks the copies it hands out (see <see cref="TrackedCopies{TEntity}"/>).
/// </summary>
internal sealed partial class AuthorizationStore(AuthEntities entities) : IOpenIddictAuthorizationStore<StoredAuthorization>
{
    private readonly TrackedCopies<StoredAuthorization> _copies = new();

    private EntityTable<StoredAuthorization> Authorizations => entities.Authorizations;

    public ValueTask<long> CountAsync(CancellationToken cancellationToken) => new(Authorizations.Count);

    public ValueTask<long> CountAsync<TResult>(
        Func<IQueryable<StoredAuthorization>, IQueryable<TResult>> query,
        CancellationToken cancellationToken) =>
        new(query(Copies().AsQueryable()).LongCount());

    public ValueTask CreateAsync(StoredAuthorization authorization, CancellationToken cancellationToken)
    {
        Authorizations.Insert(authorization);
        _copies.Track(authorization);
        return ValueTask.CompletedTask;
    }

    /// <summary>Deletes an authorization and the tokens issued under it.</summary>
    public ValueTask DeleteAsync(StoredAuthorization authorization, CancellationToken cancellationToken)
    {
        entities.Tokens.Delete(entities.TokensByAuthorization.Find(authorization.Id).ToList());
        Authorizations.Delete([authorization.Id]);
        return ValueTask.CompletedTask;
    }

    public IAsyncEnumerable<StoredAuthorization> FindAsync(
        string? subject,
        string? client,
        string? status,
        string? type,
        ImmutableArray<string>? scopes,
        CancellationToken cancellationToken)
    {
        var candidates = subject is not null ? Authorizations.FindBy(entities.AuthorizationsBySubject, subject)
            : client is not null ? Authorizations.FindBy(entities.AuthorizationsByApplication, client)
            : Copies();
        var matches = candidates.Where(authorization =>
            Matches(authorization, subject, client, status, type)
            && (scopes is null || scopes.Value.All(authorization.Scopes.Contains)));
        return AsyncSequence.From(_copies.TrackAll(matches), cancellationToken);
    }

    public IAsyncEnumerable<StoredAuthorization> FindByApplicationIdAsync(string identifier, CancellationToken cancellationToken) =>
        AsyncSequence.From(_copies.TrackAll(Authorizations.FindBy(entities.AuthorizationsByApplication, identifier)), cancellationToken);

    public ValueTask<StoredAuthorization?> FindByIdAsync(string identifier, CancellationToken cancellationToken) =>
        new(_copies.Get(identifier, Authorizations));

    public IAsyncEnumerable<StoredAuthorization> FindBySubjectAsync(string subject, CancellationToken cancellationToken) =>
        AsyncSequence.From(_copies.TrackAll(Authorizations.FindBy(entities.AuthorizationsBySubject, subject)), cancellationToken);

    public ValueTask<TResult?> GetAsync<TState, TResult>(
        Func<IQueryable<StoredAuthorization>, TState, IQueryable<TResult>> query,
        TState state,
        CancellationToken cancellationToken) =>
        new(query(Copies().AsQueryable(), state).FirstOrDefault());

    public ValueTask<StoredAuthorization> InstantiateAsync(CancellationToken cancellationToken) => new(new StoredAuthorization());

    public IAsyncEnumerable<StoredAuthorization> ListAsync(int? count, int? offset, CancellationToken cancellationToken) =>
        AsyncSequence.From(AsyncSequence.Page(Copies(), count, offset), cancellationToken);

    public IAsyncEnumerable<TResult> ListAsync<TState, TResult>(
        Func<IQueryable<StoredAuthorization>, TState, IQueryable<TResult>> query,
        TState state,
        CancellationToken cancellationToken) =>
        AsyncSequence.From(query(Copies().AsQueryable(), state), cancellationToken);

    /// <summary>
    /// Deletes authorizations created before <paramref name="threshold"/> that are no longer
    /// valid or were ad hoc, once no token points to them; the rules of OpenIddict's Entity
    /// Framework Core store. Prune tokens first, so their authorizations can go too.
    /// </summary>
    public ValueTask<long> PruneAsync(DateTimeOffset threshold, CancellationToken cancellationToken)
    {
        var ids = Authorizations.Stored
            .Where(authorization => authorization.CreationDate < threshold
                && (authorization.Status != Statuses.Valid || authorization.Type == AuthorizationTypes.AdHoc)
                && entities.TokensByAuthorization.Find(authorization.Id).Count == 0)
            .Select(authorization => authorization.Id)
            .ToList();
        return new(Authorizations.Delete(ids));
    }

    public ValueTask<long> RevokeAsync(string? subject, string? client, string? status, string? type, CancellationToken cancellationToken)
    {
        var ids = Authorizations.Stored
            .Where(authorization => Matches(authorization, subject, client, status, type))
            .Select(authorization => authorization.Id)
            .ToList();
        return new(Revoke(ids));
    }

    public ValueTask<long> RevokeByApplicationIdAsync(string identifier, CancellationToken cancellationToken) =>
        new(Revoke(entities.AuthorizationsByApplication.Find(identifier).ToList()));

    public ValueTask<long> RevokeBySubjectAsync(string subject, CancellationToken cancellationToken) =>
        new(Revoke(entities.AuthorizationsBySubject.Find(subject).ToList()));

    public ValueTask UpdateAsync(StoredAuthorization authorization, CancellationToken cancellationToken)
    {
        Authorizations.Update(authorization);
        return ValueTask.CompletedTask;
    }

    private IEnumerable<StoredAuthorization> Copies() => Authorizations.Stored.Select(authorization => authorization.Clone());

    private static bool Matches(StoredAuthorization authorization, string? subject, string? client, string? status, string? type) =>
        (subject is null || authorization.Subject == subject)
        && (client is null || authorization.ApplicationId == client)
        && (status is null || authorization.Status == status)
        && (type is null || authorization.Type == type);

    private long Revoke(List<string> ids)
    {
        long revoked = 0;
        foreach (var id in ids)
        {
            if (Authorizations.Change(id, SetRevoked))
                revoked++;
        }

        return revoked;
    }

    private static bool SetRevoked(StoredAuthorization authorization)
    {
        if (authorization.Status == Statuses.Revoked)
            return false;

        authorization.Status = Statuses.Revoked;
        return true;
    }
}
