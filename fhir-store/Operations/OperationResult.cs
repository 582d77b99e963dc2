using System.Net;
using Sandbox.FhirStore.Storage;

namespace Sandbox.FhirStore.Operations;

/// <summary>
/// The outcome of a write: the HTTP status and the version it stored or found, which is null
/// when nothing was stored (a deletion of nothing, for example).
/// </summary>
public sealed record OperationResult(HttpStatusCode Status, StoredResource? Stored);
