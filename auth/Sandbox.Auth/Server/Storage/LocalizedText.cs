using System.Collections.Immutable;
using System.Globalization;

namespace Sandbox.Auth.Server.Storage;

/// <summary>
/// Converts OpenIddict's localized names and descriptions, keyed by culture, to the
/// culture-name keys the stored entities keep in JSON, and back.
/// </summary>
internal static class LocalizedText
{
    public static ImmutableDictionary<string, string> ToNames(ImmutableDictionary<CultureInfo, string> texts) =>
        texts.ToImmutableDictionary(pair => pair.Key.Name, pair => pair.Value, StringComparer.Ordinal);

    public static ImmutableDictionary<CultureInfo, string> ToCultures(ImmutableDictionary<string, string> texts) =>
        texts.ToImmutableDictionary(pair => CultureInfo.GetCultureInfo(pair.Key), pair => pair.Value);
}
