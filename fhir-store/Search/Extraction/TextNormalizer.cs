using System.Globalization;
using System.Text;

namespace Sandbox.FhirStore.Search.Extraction;

/// <summary>Folds case and accents the way string search compares: <c>Émile</c> becomes <c>emile</c>.</summary>
internal static class TextNormalizer
{
    public static string Normalize(string value)
    {
        if (IsPlainLowerAscii(value))
            return value;

        var decomposed = value.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var character in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(character) != UnicodeCategory.NonSpacingMark)
                builder.Append(char.ToLowerInvariant(character));
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    private static bool IsPlainLowerAscii(string value)
    {
        foreach (var character in value)
        {
            if (character > 127 || char.IsUpper(character))
                return false;
        }

        return true;
    }
}
