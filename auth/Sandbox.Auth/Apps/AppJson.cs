using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sandbox.Auth.Apps;

/// <summary>The JSON settings of the admin API and the stored app settings.</summary>
public static class AppJson
{
    /// <summary>camelCase names, enums as camelCase strings, nulls left out.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
