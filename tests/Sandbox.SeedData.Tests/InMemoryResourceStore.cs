using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Sandbox.FhirStore.Storage;

namespace Sandbox.SeedData.Tests;

/// <summary>
/// A small in-memory implementation of the storage contract, so the loader can be tested
/// before the SQLite store is merged. Writes of a unit of work become visible only when
/// the work returns, as the contract requires.
/// </summary>
// TODO: replace with the SQLite store from Sandbox.FhirStore once it is merged.
internal sealed class InMemoryResourceStore : IResourceStore
{
    private static readonly JsonSerializerOptions Options = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    private readonly Dictionary<string, StoredResource> _committed = new(StringComparer.Ordinal);

    public int UnitsOfWork { get; private set; }

    public IReadOnlyDictionary<string, StoredResource> Resources => _committed;

    public Task<StoredResource?> ReadAsync(string resourceType, string id, CancellationToken cancellationToken) =>
        System.Threading.Tasks.Task.FromResult(_committed.GetValueOrDefault($"{resourceType}/{id}"));

    public Task<StoredResource?> ReadVersionAsync(string resourceType, string id, int versionId, CancellationToken cancellationToken) =>
        System.Threading.Tasks.Task.FromResult(_committed.GetValueOrDefault($"{resourceType}/{id}") is { } stored && stored.VersionId == versionId ? stored : null);

    public async Task<T> ExecuteAsync<T>(Func<IStoreTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var transaction = new Transaction(new Dictionary<string, StoredResource>(_committed, StringComparer.Ordinal));
        var result = await work(transaction, cancellationToken);
        _committed.Clear();
        foreach (var (key, value) in transaction.Staged)
            _committed[key] = value;

        UnitsOfWork++;
        return result;
    }

    private sealed class Transaction(Dictionary<string, StoredResource> staged) : IStoreTransaction
    {
        public Dictionary<string, StoredResource> Staged { get; } = staged;

        public Task<StoredResource?> ReadAsync(string resourceType, string id, CancellationToken cancellationToken) =>
            System.Threading.Tasks.Task.FromResult(Staged.GetValueOrDefault($"{resourceType}/{id}"));

        public Task<StoredResource> SaveAsync(Resource resource, CancellationToken cancellationToken)
        {
            var key = $"{resource.TypeName}/{resource.Id}";
            var version = (Staged.GetValueOrDefault(key)?.VersionId ?? 0) + 1;
            var json = JsonSerializer.SerializeToUtf8Bytes(resource, Options);
            var stored = new StoredResource(resource.TypeName, resource.Id ?? throw new ArgumentException("The resource has no id."), version, DateTimeOffset.UnixEpoch, false, json);
            Staged[key] = stored;
            return System.Threading.Tasks.Task.FromResult(stored);
        }

        public Task<StoredResource?> DeleteAsync(string resourceType, string id, CancellationToken cancellationToken) =>
            throw new NotSupportedException("The seed loader never deletes.");

        public System.Threading.Tasks.Task ClearAsync(CancellationToken cancellationToken)
        {
            Staged.Clear();
            return System.Threading.Tasks.Task.CompletedTask;
        }

        public Task<IReadOnlyList<string>> MatchAsync(string resourceType, string query, CancellationToken cancellationToken)
        {
            if (query.Length > 0)
                throw new NotSupportedException($"Only the empty query is supported here, not '{query}'.");

            IReadOnlyList<string> ids = [.. Staged.Values.Where(stored => stored.ResourceType == resourceType).Select(stored => stored.Id)];
            return System.Threading.Tasks.Task.FromResult(ids);
        }
    }
}
