using System.Text.RegularExpressions;

namespace Sandbox.Host;

/// <summary>
/// Rewrites the configuration binder's conversion failure, such as <c>--Auth:LooseClients Maybe</c>,
/// into a message that names the key, the value and the values the key takes.
/// </summary>
internal static partial class ConfigurationValueError
{
    /// <summary>
    /// Returns a message for a configuration value that could not be converted to its option's
    /// type, or null when <paramref name="exception"/> is some other failure.
    /// </summary>
    public static string? Describe(Exception exception)
    {
        // NOTE: the binder of Microsoft.Extensions.Configuration.Binder 10 reports the failure
        // only in its English message text, so this match depends on that text.
        var match = FailedConversion().Match(exception.Message);
        if (exception is not InvalidOperationException || !match.Success)
            return null;

        var key = match.Groups["key"].Value;
        var value = match.Groups["value"].Value;
        var typeName = match.Groups["type"].Value;
        return $"{key} has the invalid value '{value}'. {Expectation(typeName)}";
    }

    private static string Expectation(string typeName)
    {
        var type = FindType(typeName);
        if (type is null)
            return $"Give a value of type {typeName}.";
        if (type.IsEnum)
            return $"Valid values: {string.Join(", ", Enum.GetNames(type))}.";

        return Type.GetTypeCode(type) switch
        {
            TypeCode.Boolean => "Give true or false.",
            TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32
                or TypeCode.UInt32 or TypeCode.Int64 or TypeCode.UInt64 => "Give a whole number.",
            TypeCode.Single or TypeCode.Double or TypeCode.Decimal => "Give a number.",
            _ when type == typeof(DateOnly) => "Give a date as yyyy-MM-dd, such as 2026-01-31.",
            _ when type == typeof(TimeSpan) => "Give a time span as [d.]hh:mm:ss, such as 00:05:00.",
            _ => $"Give a value of type {type.Name}.",
        };
    }

    private static Type? FindType(string typeName) =>
        Type.GetType(typeName)
        ?? AppDomain.CurrentDomain.GetAssemblies()
            .Select(assembly => assembly.GetType(typeName))
            .FirstOrDefault(type => type is not null);

    [GeneratedRegex(
        "^Failed to convert configuration value '(?<value>.*)' at '(?<key>[^']*)' to type '(?<type>[^']*)'\\.$",
        RegexOptions.Singleline)]
    private static partial Regex FailedConversion();
}
