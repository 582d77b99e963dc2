using System.Collections.Frozen;
using System.Text;

namespace Sandbox.FhirStore.Search.Extraction;

/// <summary>Folds case and accents the way string search compares: <c>Émile</c> becomes <c>emile</c>.</summary>
/// <remarks>
/// The sandbox runs with invariant globalization, where <see cref="string.Normalize()"/> does
/// not decompose accented letters, so the Latin letters with diacritics are folded from a table.
/// It covers Latin-1 Supplement and Latin Extended-A, the Vietnamese letters (such as <c>ư</c>
/// and <c>ễ</c>), the caron vowels of pinyin and the Romanian comma-below letters. A store
/// indexed before a letter was added keeps the accented form in its index until the
/// <c>reindex</c> verb runs.
/// NOTE: other letters with diacritics, such as those of Latin Extended-B outside these groups, keep their accents.
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
            ["a"] = "ÀÁÂÃÄÅàáâãäåĀāĂăĄąǍǎẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặ",
            ["ae"] = "Ææ",
            ["c"] = "ÇçĆćĈĉĊċČč",
            ["d"] = "ĎďĐðđ",
            ["e"] = "ÈÉÊËèéêëĒēĔĕĖėĘęĚěẸẹẺẻẼẽẾếỀềỂểỄễỆệ",
            ["g"] = "ĜĝĞğĠġĢģ",
            ["h"] = "ĤĥĦħ",
            ["i"] = "ÌÍÎÏìíîïĨĩĪīĬĭĮįİıǏǐỈỉỊị",
            ["ij"] = "Ĳĳ",
            ["j"] = "Ĵĵ",
            ["k"] = "Ķķĸ",
            ["l"] = "ĹĺĻļĽľĿŀŁł",
            ["n"] = "ÑñŃńŅņŇňŉŊŋ",
            ["o"] = "ÒÓÔÕÖØòóôõöøŌōŎŏŐőƠơǑǒỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợ",
            ["oe"] = "Œœ",
            ["r"] = "ŔŕŖŗŘř",
            ["s"] = "ŚśŜŝŞşŠšſȘș",
            ["ss"] = "ß",
            ["t"] = "ŢţŤťŦŧȚț",
            ["th"] = "Þþ",
            ["u"] = "ÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲųƯưǓǔǕǖǗǘǙǚǛǜỤụỦủỨứỪừỬửỮữỰự",
            ["w"] = "Ŵŵ",
            ["y"] = "ÝýÿŶŷŸỲỳỴỵỶỷỸỹ",
            ["z"] = "ŹźŻżŽž",
        };
        return groups
            .SelectMany(group => group.Value.Select(character => KeyValuePair.Create(character, group.Key)))
            .ToFrozenDictionary();
    }
}
