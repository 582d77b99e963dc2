using System.Text.Json.Serialization;

namespace Sandbox.Auth.Apps;

/// <summary>Source-generated metadata of the app settings, used through <see cref="AppJson.Options"/>.</summary>
[JsonSerializable(typeof(SmartApp))]
internal sealed partial class AppJsonContext : JsonSerializerContext;
