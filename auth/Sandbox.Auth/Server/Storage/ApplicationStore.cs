using OpenIddict.Abstractions;

namespace Sandbox.Auth.Server.Storage;

/// <summary>
/// OpenIddict's application store over <see cref="AuthEntities"/>. Finding a client by its
/// client id, which OpenIddict does on most requests, is a dictionary read.
/// </summary>
internal sealed partial class ApplicationStore(AuthEntities entities) : IOpenIddictApplicationStore<StoredApplication>
{
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
        new(Applications.FindBy(entities.ApplicationsByClientId, identifier).FirstOrDefault());

    public ValueTask<StoredApplication?> FindByIdAsync(string identifier, CancellationToken cancellationToken) =>
        new(Applications.Find(identifier));

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

    private IEnumerable<StoredApplication> Copies() => Applications.Stored.Select(application => application.Clone());
}
