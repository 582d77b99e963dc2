using System.Text.Json.Serialization;

namespace Sandbox.Auth.Server.Storage;

/// <summary>
/// The JSON form of the stored entities in <see cref="AuthDatabase"/>'s <c>data</c> column.
/// The id and version have their own columns.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StoredApplication))]
[JsonSerializable(typeof(StoredAuthorization))]
[JsonSerializable(typeof(StoredScope))]
[JsonSerializable(typeof(StoredToken))]
internal sealed partial class StorageJson : JsonSerializerContext;
