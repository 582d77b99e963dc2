using System.Text.Json.Serialization;

namespace Sandbox.Auth.Api;

/// <summary>
/// Reads and writes an enum of the admin API by member name only. The default
/// <see cref="JsonStringEnumConverter{TEnum}"/> also reads integers such as <c>5</c>, which
/// bind to values that no member has, so a request could act on an undefined value.
/// </summary>
public sealed class NamedEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(namingPolicy: null, allowIntegerValues: false)
    where TEnum : struct, Enum;
