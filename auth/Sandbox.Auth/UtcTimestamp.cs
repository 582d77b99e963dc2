using System.Globalization;

namespace Sandbox.Auth;

/// <summary>The format of the times in error descriptions and the launch journal: UTC, to the second.</summary>
internal static class UtcTimestamp
{
    /// <summary>Formats <paramref name="time"/> as <c>yyyy-MM-ddTHH:mm:ssZ</c>.</summary>
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
