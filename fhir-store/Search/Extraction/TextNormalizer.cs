using System.Collections.Frozen;
using System.Text;

namespace Sandbox.FhirStore.Search.Extraction;

/// <summary>Folds case and accents the way string search compares: <c>Émile</c> becomes <c>emile</c>.</summary>
/// <remarks>
/// The sandbox runs with invariant globalization, where <see cref="string.Normalize()"/> does
/// not decompose accented letters, so the Latin letters with diacritics are folded from a table.
/// NOTE: letters outside Latin-1 Supplement and Latin Extended-A keep their accents.
/// </remarks>
internal static class TextNormalizer
{
    private static readonly FrozenDictionary<char, string> Folds = BuildFolds();

    public static string Normalize(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var character in value)
        {
            if (character < 128)
                builder.Append(char.ToLowerInvariant(character));
            else if (Folds.TryGetValue(character, out var folded))
                builder.Append(folded);
            else
                builder.Append(char.ToLowerInvariant(character));
        }

        return builder.ToString();
    }

    private static FrozenDictionary<char, string> BuildFolds()
    {
        var groups = new Dictionary<string, string>
        {
            ["a"] = "ÀÁÂÃÄÅàáâãäåĀāĂăĄą",
            ["ae"] = "Ææ",
            ["c"] = "ÇçĆćĈĉĊċČč",
            ["d"] = "ĎďĐðđ",
            ["e"] = "ÈÉÊËèéêëĒēĔĕĖėĘęĚě",
            ["g"] = "ĜĝĞğĠġĢģ",
            ["h"] = "ĤĥĦħ",
            ["i"] = "ÌÍÎÏìíîïĨĩĪīĬĭĮįİı",
            ["ij"] = "Ĳĳ",
            ["j"] = "Ĵĵ",
            ["k"] = "Ķķĸ",
            ["l"] = "ĹĺĻļĽľĿŀŁł",
            ["n"] = "ÑñŃńŅņŇňŉŊŋ",
            ["o"] = "ÒÓÔÕÖØòóôõöøŌōŎŏŐő",
            ["oe"] = "Œœ",
            ["r"] = "ŔŕŖŗŘř",
            ["s"] = "ŚśŜŝŞşŠšſ",
            ["ss"] = "ß",
            ["t"] = "ŢţŤťŦŧ",
            ["th"] = "Þþ",
            ["u"] = "ÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲų",
            ["w"] = "Ŵŵ",
            ["y"] = "ÝýÿŶŷŸ",
            ["z"] = "ŹźŻżŽž",
        };
        return groups
            .SelectMany(group => group.Value.Select(character => KeyValuePair.Create(character, group.Key)))
            .ToFrozenDictionary();
    }
}
