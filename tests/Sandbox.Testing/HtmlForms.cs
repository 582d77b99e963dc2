using System.Text.RegularExpressions;

namespace Sandbox.Testing;

/// <summary>Helpers that read the values a test posts back from the forms of the sandbox's HTML pages.</summary>
public static partial class HtmlForms
{
    /// <summary>The name of the hidden input that carries ASP.NET Core's antiforgery token.</summary>
    public const string AntiforgeryField = "__RequestVerificationToken";

    /// <summary>Returns the antiforgery token of the first form in <paramref name="html"/>.</summary>
    /// <exception cref="InvalidOperationException">The HTML has no antiforgery field, so a post from it would get 400.</exception>
    public static string AntiforgeryToken(string html)
    {
        var match = AntiforgeryInput().Match(html);
        if (!match.Success)
        {
            var start = html.Length <= 200 ? html : html[..200];
            throw new InvalidOperationException(
                $"The HTML has no hidden input named '{AntiforgeryField}'. Check that the request returned the page with the form, not an error page or a redirect. The HTML starts with: {start}");
        }

        return match.Groups[1].Value;
    }

    // Razor renders the field as <input name="__RequestVerificationToken" type="hidden" value="...">.
    [GeneratedRegex("name=\"" + AntiforgeryField + "\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryInput();
}
