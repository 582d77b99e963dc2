using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using OpenIddict.Abstractions;

namespace Sandbox.Auth.Server.Storage;

/// <summary>
/// OpenIddict's scope store over <see cref="AuthEntities"/>. The sandbox turns OpenIddict's
/// scope validation off, so this store is normally empty.
/// </summary>
internal sealed class ScopeStore(AuthEntities entities) : IOpenIddictScopeStore<StoredScope>
{
    private EntityTable<StoredScope> Scopes => entities.Scopes;

    public ValueTask<long> CountAsync(CancellationToken cancellationToken) => new(Scopes.Count);

    public ValueTask<long> CountAsync<TResult>(Func<IQueryable<StoredScope>, IQueryable<TResult>> query, CancellationToken cancellationToken) =>
        new(query(Copies().AsQueryable()).LongCount());

    public ValueTask CreateAsync(StoredScope scope, CancellationToken cancellationToken)
    {
        Scopes.Insert(scope);
        return ValueTask.CompletedTask;
    }

    public ValueTask DeleteAsync(StoredScope scope, CancellationToken cancellationToken)
    {
        Scopes.Delete([scope.Id]);
        return ValueTask.CompletedTask;
    }

    public ValueTask<StoredScope?> FindByIdAsync(string identifier, CancellationToken cancellationToken) => new(Scopes.Find(identifier));

    public ValueTask<StoredScope?> FindByNameAsync(string name, CancellationToken cancellationToken) =>
        new(Scopes.FindBy(entities.ScopesByName, name).FirstOrDefault());

    public IAsyncEnumerable<StoredScope> FindByNamesAsync(ImmutableArray<string> names, CancellationToken cancellationToken) =>
        AsyncSequence.From(names.SelectMany(name => Scopes.FindBy(entities.ScopesByName, name)), cancellationToken);

    public IAsyncEnumerable<StoredScope> FindByResourceAsync(string resource, CancellationToken cancellationToken) =>
        AsyncSequence.From(Copies().Where(scope => scope.Resources.Contains(resource, StringComparer.Ordinal)), cancellationToken);

    public ValueTask<TResult?> GetAsync<TState, TResult>(
        Func<IQueryable<StoredScope>, TState, IQueryable<TResult>> query,
        TState state,
        CancellationToken cancellationToken) =>
        new(query(Copies().AsQueryable(), state).FirstOrDefault());

    public ValueTask<string?> GetDescriptionAsync(StoredScope scope, CancellationToken cancellationToken) => new(scope.Description);

    public ValueTask<ImmutableDictionary<CultureInfo, string>> GetDescriptionsAsync(StoredScope scope, CancellationToken cancellationToken) =>
        new(LocalizedText.ToCultures(scope.Descriptions));

    public ValueTask<string?> GetDisplayNameAsync(StoredScope scope, CancellationToken cancellationToken) => new(scope.DisplayName);

    public ValueTask<ImmutableDictionary<CultureInfo, string>> GetDisplayNamesAsync(StoredScope scope, CancellationToken cancellationToken) =>
        new(LocalizedText.ToCultures(scope.DisplayNames));

    public ValueTask<string?> GetIdAsync(StoredScope scope, CancellationToken cancellationToken) => new(scope.Id);

    public ValueTask<string?> GetNameAsync(StoredScope scope, CancellationToken cancellationToken) => new(scope.Name);

    public ValueTask<ImmutableDictionary<string, JsonElement>> GetPropertiesAsync(StoredScope scope, CancellationToken cancellationToken) =>
        new(scope.Properties);

    public ValueTask<ImmutableArray<string>> GetResourcesAsync(StoredScope scope, CancellationToken cancellationToken) => new(scope.Resources);

    public ValueTask<StoredScope> InstantiateAsync(CancellationToken cancellationToken) => new(new StoredScope());

    public IAsyncEnumerable<StoredScope> ListAsync(int? count, int? offset, CancellationToken cancellationToken) =>
        AsyncSequence.From(AsyncSequence.Page(Copies(), count, offset), cancellationToken);

    public IAsyncEnumerable<TResult> ListAsync<TState, TResult>(
        Func<IQueryable<StoredScope>, TState, IQueryable<TResult>> query,
        TState state,
        CancellationToken cancellationToken) =>
        AsyncSequence.From(query(Copies().AsQueryable(), state), cancellationToken);

    public ValueTask SetDescriptionAsync(StoredScope scope, string? description, CancellationToken cancellationToken)
    {
        scope.Description = description;
        return ValueTask.CompletedTask;
    }

    public ValueTask SetDescriptionsAsync(StoredScope scope, ImmutableDictionary<CultureInfo, string> descriptions, CancellationToken cancellationToken)
    {
        scope.Descriptions = LocalizedText.ToNames(descriptions);
        return ValueTask.CompletedTask;
    }

    public ValueTask SetDisplayNameAsync(StoredScope scope, string? name, CancellationToken cancellationToken)
    {
        scope.DisplayName = name;
        return ValueTask.CompletedTask;
    }

    public ValueTask SetDisplayNamesAsync(StoredScope scope, ImmutableDictionary<CultureInfo, string> names, CancellationToken cancellationToken)
    {
        scope.DisplayNames = LocalizedText.ToNames(names);
        return ValueTask.CompletedTask;
    }

    public ValueTask SetNameAsync(StoredScope scope, string? name, CancellationToken cancellationToken)
    {
        scope.Name = name;
        return ValueTask.CompletedTask;
    }

    public ValueTask SetPropertiesAsync(StoredScope scope, ImmutableDictionary<string, JsonElement> properties, CancellationToken cancellationToken)
    {
        scope.Properties = properties;
        return ValueTask.CompletedTask;
    }

    public ValueTask SetResourcesAsync(StoredScope scope, ImmutableArray<string> resources, CancellationToken cancellationToken)
    {
        scope.Resources = resources.IsDefault ? [] : resources;
        return ValueTask.CompletedTask;
    }

    public ValueTask UpdateAsync(StoredScope scope, CancellationToken cancellationToken)
    {
        Scopes.Update(scope);
        return ValueTask.CompletedTask;
    }

    private IEnumerable<StoredScope> Copies() => Scopes.Stored.Select(scope => scope.Clone());
}
