using System.Text.Json;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;
using Bundle = Hl7.Fhir.Model.Bundle;

namespace Sandbox.FhirStore.Formats;

// Ties the JSON parse errors that Firely reports without an instance path to the Bundle entry they lie in.
public static partial class FhirSerializer
{
    private static readonly byte[] EntryWrapperStart = """{"resourceType":"Bundle","type":"batch","entry":["""u8.ToArray();
    private static readonly byte[] EntryWrapperEnd = "]}"u8.ToArray();

    /// <summary>
    /// Gives each error without an instance path the path of the entry it lies in, such as
    /// <c>Bundle.entry[1]</c>, and returns the result unchanged when that fails.
    /// </summary>
    /// <remarks>
    /// Firely 6.8 reports a resource without <c>resourceType</c> (JSON103) with no instance path,
    /// whether it is an entry's resource or one nested in it, such as a contained resource. So
    /// each entry is parsed again on its own inside an otherwise empty Bundle, which costs a
    /// second parse of the entries only when such an error occurs. Firely parses the entries in
    /// order, so the errors without a path that the single entries yield, taken in entry order,
    /// must match those of the whole body code by code. Otherwise nothing is tied to an entry
    /// and the body is rejected whole.
    /// </remarks>
    private static Deserialized LocateErrorsWithoutPath(ReadOnlySpan<byte> content, Deserialized result)
    {
        if (result.Resource is not Bundle || !result.Errors.Any(HasNoPath))
            return result;

        var entryIndexes = new List<int>();
        var entryCodes = new List<string>();
        var entries = FindEntries(content);
        for (var index = 0; index < entries.Count; index++)
        {
            var entryResult = DeserializeJson(WrapEntry(content[entries[index]]), JsonDeserializer);
            foreach (var error in entryResult.Errors.Where(HasNoPath))
            {
                entryIndexes.Add(index);
                entryCodes.Add(error.ErrorCode);
            }
        }

        var bodyCodes = result.Errors.Where(HasNoPath).Select(error => error.ErrorCode);
        if (!entryCodes.SequenceEqual(bodyCodes, StringComparer.Ordinal))
            return result;

        var next = 0;
        var errors = result.Errors
            .Select(error => error is ExtendedCodedException extended && HasNoPath(error)
                ? WithEntryPath(extended, entryIndexes[next++])
                : error)
            .ToList();
        return result with { Errors = errors };
    }

    private static bool HasNoPath(CodedException error) =>
        error is ExtendedCodedException { InstancePath: null or "" };

    private static FhirJsonException WithEntryPath(ExtendedCodedException error, int index) => new(
        error.ErrorCode,
        error.BaseErrorMessage,
        error.Display,
        EntryPath(index),
        error.LineNumber,
        error.Position,
        error.IssueSeverity,
        error.IssueType);

    /// <summary>
    /// Returns the byte range of each item of the top-level <c>entry</c> array, or none when the
    /// body has no such array or has more than one <c>entry</c> member.
    /// </summary>
    private static List<Range> FindEntries(ReadOnlySpan<byte> content)
    {
        var entries = new List<Range>();
        var entryMembers = 0;
        var reader = new Utf8JsonReader(content, ReaderOptions);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isEntry = reader.ValueTextEquals("entry"u8);
            reader.Read();
            if (isEntry && reader.TokenType == JsonTokenType.StartArray)
            {
                entryMembers++;
                ReadEntryRanges(ref reader, entries);
            }
            else
            {
                reader.Skip();
            }
        }

        return entryMembers == 1 ? entries : [];
    }

    private static void ReadEntryRanges(ref Utf8JsonReader reader, List<Range> entries)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            entries.Add(start..(int)reader.BytesConsumed);
        }
    }

    private static byte[] WrapEntry(ReadOnlySpan<byte> entry)
    {
        var wrapped = new byte[EntryWrapperStart.Length + entry.Length + EntryWrapperEnd.Length];
        EntryWrapperStart.CopyTo(wrapped, 0);
        entry.CopyTo(wrapped.AsSpan(EntryWrapperStart.Length));
        EntryWrapperEnd.CopyTo(wrapped, EntryWrapperStart.Length + entry.Length);
        return wrapped;
    }
}
