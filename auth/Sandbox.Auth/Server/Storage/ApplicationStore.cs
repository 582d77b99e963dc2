using OpenIddict.Abstractions;

namespace Sandbox.Auth.Server.Storage;

/// <summary>
/// OpenIddict's application store over <see cref="AuthEntities"/>, one instance per request
/// scope. Finding a client by its client id, which OpenIddict does on most requests, is a
/// dictionary read.
/// </summary>
internal sealed partial class ApplicationStore(AuthEntities entities) : IOpenIddictApplicationStore<StoredApplication>
{
    private readonly TrackedCopies<StoredApplication> _copies = new();

    private EntityTable<StoredApplication> Applications => entities.Applications;

    public ValueTask<long> CountAsync(CancellationToken cancellationToken) => new(Applications.Count);

    public ValueTask<long> CountAsync<TResult>(
        Func<IQueryable<StoredApplication>, IQueryable<TResult>> query,
        CancellationToken cancellationToken) =>
        new(query(Copies().AsQueryable()).LongCount());

    public ValueTask CreateAsync(StoredApplication application, CancellationToken cancellationToken)
    {
        if (application.ClientId is not null && entities.ApplicationsByClientId.Find(application.ClientId).Count > 0)
            throw new OpenIddictExceptions.ConcurrencyException($"An application with the client id '{application.ClientId}' exists already.");

        Applications.Insert(application);
        _copies.Track(application);
        return ValueTask.CompletedTask;
    }

    /// <summary>Deletes an application with its authorizations and tokens.</summary>
    public ValueTask DeleteAsync(StoredApplication application, CancellationToken cancellationToken)
    {
        entities.Tokens.Delete(entities.TokensByApplication.Find(application.Id).ToList());
        entities.Authorizations.Delete(entities.AuthorizationsByApplication.Find(application.Id).ToList());
        Applications.Delete([application.Id]);
        return ValueTask.CompletedTask;
    }

    public ValueTask<StoredApplication?> FindByClientIdAsync(string identifier, CancellationToken cancellationToken) =>
        new(FindByClientId(identifier));

    public ValueTask<StoredApplication?> FindByIdAsync(string identifier, CancellationToken cancellationToken) =>
        new(_copies.Get(identifier, Applications));

    public IAsyncEnumerable<StoredApplication> FindByPostLogoutRedirectUriAsync(string uri, CancellationToken cancellationToken) =>
        AsyncSequence.From(Copies().Where(application => application.PostLogoutRedirectUris.Contains(uri, StringComparer.Ordinal)), cancellationToken);

    public IAsyncEnumerable<StoredApplication> FindByRedirectUriAsync(string uri, CancellationToken cancellationToken) =>
        AsyncSequence.From(Copies().Where(application => application.RedirectUris.Contains(uri, StringComparer.Ordinal)), cancellationToken);

    public ValueTask<TResult?> GetAsync<TState, TResult>(
        Func<IQueryable<StoredApplication>, TState, IQueryable<TResult>> query,
        TState state,
        CancellationToken cancellationToken) =>
        new(query(Copies().AsQueryable(), state).FirstOrDefault());

    public ValueTask<StoredApplication> InstantiateAsync(CancellationToken cancellationToken) => new(new StoredApplication());

    public IAsyncEnumerable<StoredApplication> ListAsync(int? count, int? offset, CancellationToken cancellationToken) =>
        AsyncSequence.From(AsyncSequence.Page(Copies(), count, offset), cancellationToken);

    public IAsyncEnumerable<TResult> ListAsync<TState, TResult>(
        Func<IQueryable<StoredApplication>, TState, IQueryable<TResult>> query,
        TState state,
        CancellationToken cancellationToken) =>
        AsyncSequence.From(query(Copies().AsQueryable(), state), cancellationToken);

    public ValueTask UpdateAsync(StoredApplication application, CancellationToken cancellationToken)
    {
        Applications.Update(application);
        return ValueTask.CompletedTask;
    }

    // OpenIddict looks the client up several times per request; the tracked copy saves a copy each time.
    private StoredApplication? FindByClientId(string clientId)
    {
        foreach (var id in entities.ApplicationsByClientId.Find(clientId))
            return _copies.Get(id, Applications);

        return null;
    }

    private IEnumerable<StoredApplication> Copies() => Applications.Stored.Select(application => application.Clone());
}
