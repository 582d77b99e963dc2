using System.Text;

namespace Sandbox.Auth.Fhir;

/// <summary>The <c>WWW-Authenticate</c> values of the FHIR endpoint's rejections (RFC 6750 section 3).</summary>
internal static class BearerChallenge
{
    /// <summary>
    /// Builds a <c>Bearer</c> challenge in the realm <c>fhir</c>, with <c>error</c> and
    /// <c>error_description</c> when <paramref name="error"/> is set.
    /// </summary>
    public static string Build(string? error, string description) => error is null
        ? "Bearer realm=\"fhir\""
        : $"Bearer realm=\"fhir\", error=\"{error}\", error_description=\"{QuotedText(description)}\"";

    // RFC 6750 section 3 allows only printable ASCII other than '"' and '\' in error_description,
    // and Kestrel rejects a header value with other characters. A reason may quote a
    // client's value, so each other character becomes '?' and a double quote a single one.
    private static string QuotedText(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var character in text)
        {
            builder.Append(character switch
            {
                '"' => '\'',
                '\\' or < ' ' or > '~' => '?',
                _ => character,
            });
        }

        return builder.ToString();
    }
}
