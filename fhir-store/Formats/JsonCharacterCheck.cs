using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Formats;

/// <summary>
/// Rejects JSON strings that contain characters which FHIR R4 forbids in strings and XML 1.0
/// cannot carry: U+0000 to U+001F other than tab, line feed and carriage return, and the
/// noncharacters U+FFFE and U+FFFF. Stored, they would make every XML view of the resource fail.
/// </summary>
internal static class JsonCharacterCheck
{
    private static readonly SearchValues<byte> EscapeOrNoncharacterLead = SearchValues.Create([(byte)'\\', 0xEF]);

    private static readonly SearchValues<char> ForbiddenCharacters = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Where(code => code is not ('\t' or '\n' or '\r')).Select(code => (char)code), '\uFFFE', '\uFFFF']);

    /// <summary>
    /// Throws <see cref="FhirOperationException"/> (400) naming the first string that contains
    /// a forbidden character. <paramref name="json"/> must be valid JSON, which the parser has checked.
    /// </summary>
    /// <remarks>
    /// A JSON reader rejects raw control characters inside strings, so in valid JSON they can
    /// only be escapes (<c>\b</c>, <c>\f</c>, <c>\u0000</c>). One vectorized pass over the
    /// bytes finds the escapes and the UTF-8 form of U+FFFE and U+FFFF. The slower search for
    /// the element's path runs only when that pass finds a forbidden character.
    /// </remarks>
    public static void Ensure(ReadOnlySpan<byte> json, string resourceType)
    {
        if (!ContainsForbidden(json))
            return;

        var paths = FindPaths(json, resourceType, 1);
        throw Forbidden(paths.Count > 0 ? paths[0] : resourceType);
    }

    /// <summary>
    /// Returns the location of every string that contains a forbidden character, or an empty
    /// list. <paramref name="json"/> must be valid JSON, which the parser has checked.
    /// </summary>
    public static IReadOnlyList<string> FindAll(ReadOnlySpan<byte> json, string resourceType) =>
        ContainsForbidden(json) ? FindPaths(json, resourceType, int.MaxValue) : [];

    /// <summary>Creates the 400 error for a forbidden character in the string at <paramref name="path"/>.</summary>
    public static FhirOperationException Forbidden(string path) =>
        new(
            HttpStatusCode.BadRequest,
            OperationOutcome.IssueType.Invalid,
            $"The string at {path} contains a control character or U+FFFE/U+FFFF, which FHIR strings do not allow (only tab, line feed and carriage return are allowed below U+0020); remove the character.",
            path);

    private static bool ContainsForbidden(ReadOnlySpan<byte> json)
    {
        var position = 0;
        while (true)
        {
            var found = json[position..].IndexOfAny(EscapeOrNoncharacterLead);
            if (found < 0)
                return false;

            position += found;
            if (json[position] == (byte)'\\')
            {
                if (IsForbiddenEscape(json[(position + 1)..], out var length))
                    return true;

                position += 1 + length;
            }
            else
            {
                if (IsNoncharacter(json[position..]))
                    return true;

                position++;
            }
        }
    }

    /// <summary>Checks the escape after a backslash, which valid JSON guarantees to be complete.</summary>
    private static bool IsForbiddenEscape(ReadOnlySpan<byte> escape, out int length)
    {
        length = 1;
        if (escape[0] is (byte)'b' or (byte)'f')
            return true;
        if (escape[0] != (byte)'u')
            return false;

        length = 5;
        var code = ushort.Parse(escape[1..5], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        return code >= 0xFFFE || (code < 0x20 && code is not ('\t' or '\n' or '\r'));
    }

    // U+FFFE and U+FFFF are EF BF BE and EF BF BF in UTF-8.
    private static bool IsNoncharacter(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 3 && bytes[1] == 0xBF && bytes[2] is 0xBE or 0xBF;

    /// <summary>Returns the FHIRPath-like locations of the first <paramref name="max"/> strings with a forbidden character.</summary>
    private static List<string> FindPaths(ReadOnlySpan<byte> json, string resourceType, int max)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = FhirSerializer.MaxDepth });
        var frames = new List<Frame>();
        var paths = new List<string>();
        while (paths.Count < max && reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    CountArrayItem(frames);
                    frames.Add(new Frame(reader.TokenType == JsonTokenType.StartArray));
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    frames.RemoveAt(frames.Count - 1);
                    break;
                case JsonTokenType.PropertyName:
                    var name = reader.GetString()!;
                    if (HasForbidden(name))
                    {
                        frames[^1].Name = null;
                        paths.Add(Describe(frames, resourceType) + " (a member name)");
                    }

                    frames[^1].Name = name;
                    break;
                default:
                    CountArrayItem(frames);
                    if (reader.TokenType == JsonTokenType.String && HasForbidden(reader.GetString()!))
                        paths.Add(Describe(frames, resourceType));

                    break;
            }
        }

        return paths;
    }

    private static void CountArrayItem(List<Frame> frames)
    {
        if (frames.Count > 0 && frames[^1].IsArray)
            frames[^1].Index++;
    }

    private static bool HasForbidden(string value) => value.AsSpan().ContainsAny(ForbiddenCharacters);

    private static string Describe(List<Frame> frames, string resourceType)
    {
        var path = new System.Text.StringBuilder(resourceType);
        foreach (var frame in frames)
        {
            if (frame.IsArray)
                path.Append('[').Append(frame.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
            else if (frame.Name is not null)
                path.Append('.').Append(frame.Name);
        }

        return path.ToString();
    }

    /// <summary>An open object, with the member being read, or an open array, with the index of its current item.</summary>
    private sealed class Frame(bool isArray)
    {
        public bool IsArray { get; } = isArray;

        public string? Name { get; set; }

        public int Index { get; set; } = -1;
    }
}
