using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Sandbox.Auth.Apps;

/// <summary>The JSON settings of the admin API and the stored app settings.</summary>
public static class AppJson
{
    /// <summary>
    /// camelCase names, enums as camelCase strings, nulls left out. <see cref="SmartApp"/>, which
    /// every app registration writes, has source-generated metadata, so that registering the
    /// seed apps at start-up builds no serializer by reflection. Other types fall back to it.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        TypeInfoResolver = JsonTypeInfoResolver.Combine(AppJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };
}
