using System.Globalization;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;

namespace Sandbox.FhirStore.Formats;

// The parse path of Bundles posted to the base URL, where each entry of a batch is checked on its own.
public static partial class FhirSerializer
{
    private const string EntryPathPrefix = "Bundle.entry[";

    /// <summary>
    /// Parses a body posted to the base URL with the checks of <see cref="Parse"/>, except that in
    /// a batch Bundle an error inside one entry rejects only that entry, because FHIR processes
    /// the entries of a batch independently. Invalid JSON or XML, an error outside the entries
    /// and any error in another body still throw <see cref="FhirOperationException"/> (400).
    /// </summary>
    public static ParsedBody ParseBundle(ReadOnlySpan<byte> content, FhirFormat format)
    {
        var isXml = format == FhirFormat.Xml;
        var result = isXml
            ? DeserializeXml(content)
            : LocateErrorsWithoutPath(content, DeserializeJson(content, JsonDeserializer));
        if (!IsBatchWithEntryErrorsOnly(result))
        {
            var resource = isXml ? CheckXmlInput(result) : CheckJsonInput(content, result);
            return new ParsedBody(resource, ParsedBody.NoInvalidEntries);
        }

        var bundle = (Bundle)result.Resource!;
        var invalidEntries = new SortedDictionary<int, FhirOperationException>();
        foreach (var group in result.Errors.GroupBy(error => EntryIndex(error)!.Value))
            invalidEntries[group.Key] = InvalidEntry(group.Key, Invalid("The entry is invalid: " + JoinMessages(group)));

        if (isXml)
            EnsureJsonDepth(bundle);
        else
            AddControlCharacterErrors(content, invalidEntries);

        AddNarrativeErrors(bundle, invalidEntries);
        return new ParsedBody(bundle, invalidEntries);
    }

    /// <summary>
    /// Checks whether the body is a batch whose parse errors, if any, each lie inside one entry,
    /// and whose entries that the parser left null all have such an error.
    /// </summary>
    private static bool IsBatchWithEntryErrorsOnly(Deserialized result)
    {
        if (result.Resource is not Bundle bundle)
            return false;

        var entriesWithErrors = new HashSet<int>();
        foreach (var error in result.Errors)
        {
            // Firely 6.8 reported a null item of the entry array under an index past the last
            // entry, so an index out of range, like an error outside the entries, rejects the body.
            // An error without a path that LocateErrorsWithoutPath could not tie to an entry
            // rejects the body as well.
            if (EntryIndex(error) is not { } index || index >= bundle.Entry.Count)
                return false;

            entriesWithErrors.Add(index);
        }

        // The type is read only now, because its getter throws for a code the parser rejected.
        return bundle.Type == Bundle.BundleType.Batch
            && bundle.Entry.Select((entry, index) => entry is not null || entriesWithErrors.Contains(index)).All(valid => valid);
    }

    private static void AddControlCharacterErrors(
        ReadOnlySpan<byte> content,
        SortedDictionary<int, FhirOperationException> invalidEntries)
    {
        foreach (var path in JsonCharacterCheck.FindAll(content, "Bundle"))
        {
            var index = EntryIndex(path) ?? throw JsonCharacterCheck.Forbidden(path);
            invalidEntries.TryAdd(index, InvalidEntry(index, JsonCharacterCheck.Forbidden(path)));
        }
    }

    private static void AddNarrativeErrors(Bundle bundle, SortedDictionary<int, FhirOperationException> invalidEntries)
    {
        for (var index = 0; index < bundle.Entry.Count; index++)
        {
            if (invalidEntries.ContainsKey(index))
                continue;

            try
            {
                NarrativeCheck.EnsureEntry(bundle.Entry[index], EntryPath(index));
            }
            catch (FhirOperationException exception)
            {
                invalidEntries[index] = InvalidEntry(index, exception);
            }
        }
    }

    private static int? EntryIndex(CodedException error) =>
        error is ExtendedCodedException { InstancePath: { } path } ? EntryIndex(path) : null;

    /// <summary>Returns the index of the entry that a location such as <c>Bundle.entry[2].resource.name</c> lies in, or null.</summary>
    private static int? EntryIndex(string path)
    {
        if (!path.StartsWith(EntryPathPrefix, StringComparison.Ordinal))
            return null;

        var digits = path.AsSpan(EntryPathPrefix.Length);
        var end = digits.IndexOf(']');
        return end > 0 && int.TryParse(digits[..end], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? index
            : null;
    }

    private static string EntryPath(int index) => $"{EntryPathPrefix}{index.ToString(CultureInfo.InvariantCulture)}]";

    /// <summary>Prefixes an error with the entry it lies in, as the errors of batch entries are.</summary>
    private static FhirOperationException InvalidEntry(int index, FhirOperationException error) =>
        new(error.StatusCode, error.IssueType, $"{EntryPath(index)}: {error.Message}", EntryPath(index));
}
