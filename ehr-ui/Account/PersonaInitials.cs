namespace Sandbox.EhrUi.Account;

/// <summary>Builds the initials shown in place of a persona's photo.</summary>
public static class PersonaInitials
{
    private static readonly string[] Titles = ["Dr.", "Dr"];

    /// <summary>Returns the first letters of the first and last name, ignoring a leading title and trailing credentials.</summary>
    public static string Of(string displayName)
    {
        var name = displayName.Split(',')[0];
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(word => !Titles.Contains(word, StringComparer.OrdinalIgnoreCase))
            .ToList();
        if (words.Count == 0)
            return "?";

        var first = char.ToUpperInvariant(words[0][0]);
        return words.Count == 1 ? first.ToString() : $"{first}{char.ToUpperInvariant(words[^1][0])}";
    }
}
