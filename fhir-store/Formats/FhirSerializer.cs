using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Xml;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;
using Hl7.Fhir.Validation;
using Resource = Hl7.Fhir.Model.Resource;

namespace Sandbox.FhirStore.Formats;

/// <summary>
/// Parses and writes resources as FHIR JSON and XML with the Firely SDK. The instances are
/// stateless, so one serves every thread.
/// </summary>
public static partial class FhirSerializer
{
    /// <summary>
    /// The maximum nesting depth of FHIR JSON that the store accepts. Every reader of stored
    /// JSON allows at least this depth, so each resource the store accepted can be read again.
    /// </summary>
    public const int MaxDepth = 256;

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = MaxDepth };

    private static readonly FhirJsonDeserializer JsonDeserializer = new(new DeserializerSettings());

    // Syntax-only parsing skips the validation of every primitive value, which costs about
    // three times the parse itself on the Synthea data (measured with Hl7.Fhir.R4 6.8.0).
    private static readonly FhirJsonDeserializer TrustedJsonDeserializer =
        new(new DeserializerSettings().UsingMode(DeserializationMode.SyntaxOnly));
    private static readonly BaseFhirJsonSerializer JsonSerializer = new(ModelInfo.ModelInspector);
    private static readonly BaseFhirXmlSerializer XmlSerializer = new(ModelInfo.ModelInspector);

    /// <summary>
    /// Parses a resource that a client sent. Throws <see cref="FhirOperationException"/> (400)
    /// naming the location the parser reports when the content is not a valid resource, and
    /// the element at fault for a control character or an invalid narrative.
    /// </summary>
    public static Resource Parse(ReadOnlySpan<byte> content, FhirFormat format) => format switch
    {
        FhirFormat.Xml => ParseXml(content),
        _ => ParseJson(content),
    };

    /// <summary>Parses FHIR JSON that a client sent and validates its values; see <see cref="Parse"/>.</summary>
    public static Resource ParseJson(ReadOnlySpan<byte> content) => ParseInput(content, JsonDeserializer);

    /// <summary>
    /// Parses FHIR JSON that an import loads. It checks the structure, control characters and
    /// narratives as <see cref="ParseJson(ReadOnlySpan{byte})"/> does, but not the values of primitives.
    /// </summary>
    public static Resource ParseImportedJson(ReadOnlySpan<byte> content) => ParseInput(content, TrustedJsonDeserializer);

    /// <summary>
    /// Parses FHIR JSON that the store wrote itself, checking its structure but not the values
    /// of its primitives. It skips the input checks, which every write has passed.
    /// </summary>
    public static Resource ParseTrustedJson(ReadOnlySpan<byte> content) => ParseJson(content, TrustedJsonDeserializer);

    private static Resource ParseInput(ReadOnlySpan<byte> content, FhirJsonDeserializer deserializer) =>
        CheckJsonInput(content, DeserializeJson(content, deserializer));

    /// <summary>Runs the checks of client JSON on a deserialized body: the parser's errors, control characters and narratives.</summary>
    private static Resource CheckJsonInput(ReadOnlySpan<byte> content, Deserialized result)
    {
        var resource = Check(result);
        JsonCharacterCheck.Ensure(content, resource.TypeName);
        NarrativeCheck.Ensure(resource);
        return resource;
    }

    private static Resource ParseJson(ReadOnlySpan<byte> content, FhirJsonDeserializer deserializer) =>
        Check(DeserializeJson(content, deserializer));

    /// <summary>
    /// Deserializes FHIR JSON and returns the resource with the errors the parser reported.
    /// Throws <see cref="FhirOperationException"/> (400) when the content is not one JSON object
    /// or contains a value that cannot be read.
    /// </summary>
    private static Deserialized DeserializeJson(ReadOnlySpan<byte> content, FhirJsonDeserializer deserializer)
    {
        var reader = new Utf8JsonReader(content, ReaderOptions);
        EnsureObject(content);
        Resource? resource;
        IEnumerable<CodedException>? issues;
        try
        {
            deserializer.TryDeserializeResource(ref reader, out resource, out issues);
            EnsureEnd(ref reader);
        }
        catch (JsonException exception)
        {
            throw NotJson(exception);
        }
        catch (Exception exception) when (exception is InvalidOperationException or FormatException or OverflowException or ArgumentException)
        {
            // System.Text.Json raises InvalidOperationException for a string it cannot
            // transcode (a lone surrogate escape such as \ud800, or invalid UTF-8), and the
            // Firely deserializer lets such errors through instead of reporting an issue.
            throw Invalid($"The body contains a value that cannot be read: {exception.Message}");
        }
        catch (NotSupportedException exception)
        {
            throw AbstractResourceType(exception);
        }

        return new Deserialized(resource, WithoutEmptyRootIssues(resource, issues));
    }

    /// <summary>
    /// Drops the parser's complaints about a resource that has no elements, such as
    /// <c>{"resourceType":"Parameters"}</c>, and keeps every other issue.
    /// </summary>
    /// <remarks>
    /// Firely 6.8 reports an empty element (PVAL129) for such a resource, and in JSON also an
    /// empty object (JSON120). FHIR R4 forbids empty elements (ele-1) and empty JSON objects,
    /// but a resource is not an element, and its JSON object contains resourceType. The Firely
    /// client sends exactly this body for an operation without parameters, such as
    /// <c>InstanceOperationAsync(patient, "everything")</c>. An element that is empty inside
    /// the resource gives the resource a child, so its issues stay.
    /// </remarks>
    private static List<CodedException> WithoutEmptyRootIssues(Resource? resource, IEnumerable<CodedException>? issues)
    {
        var list = issues?.ToList() ?? [];
        if (resource is null || resource.EnumerateElements().Any())
            return list;

        list.RemoveAll(issue => issue.ErrorCode is FhirJsonException.OBJECTS_CANNOT_BE_EMPTY_CODE or CodedValidationException.ELEMENT_CANNOT_BE_EMPTY_CODE);
        return list;
    }

    // Firely 6.8 cannot create an instance of the abstract Resource or DomainResource. When a
    // resourceType names one, at the root or nested such as a contained resource, it throws
    // NotSupportedException instead of reporting an issue.
    private static FhirOperationException AbstractResourceType(NotSupportedException exception) =>
        Invalid($"The body contains a resource of an abstract type, which cannot be stored ({exception.Message}). Use a concrete resource type such as Patient instead of Resource or DomainResource.");

    /// <summary>Rejects a JSON array, string, number or literal, which the Firely deserializer cannot read as a resource.</summary>
    private static void EnsureObject(ReadOnlySpan<byte> content)
    {
        var reader = new Utf8JsonReader(content, ReaderOptions);
        JsonTokenType token;
        try
        {
            token = reader.Read() ? reader.TokenType : JsonTokenType.None;
        }
        catch (JsonException exception)
        {
            throw NotJson(exception);
        }

        if (token != JsonTokenType.StartObject)
        {
            var found = token == JsonTokenType.None ? "nothing" : $"a JSON {Describe(token)}";
            throw Invalid($"The body must be a JSON object with a resourceType, but it is {found}.");
        }
    }

    /// <summary>Rejects content after the resource, such as a second value or stray text.</summary>
    private static void EnsureEnd(ref Utf8JsonReader reader)
    {
        // Reading past the resource's closing brace either finds the end or throws
        // JsonException for trailing text, because AllowMultipleValues is off.
        if (reader.Read())
            throw Invalid("The body has content after the end of the resource; send exactly one JSON object.");
    }

    // JsonException counts lines and bytes from 0; editors count from 1. Its message ends with
    // the same position counted from 0, which is cut so the message names one position.
    private static FhirOperationException NotJson(JsonException exception) =>
        Invalid($"The body is not valid JSON at line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}: {WithoutPosition(exception.Message)}");

    private static string WithoutPosition(string message)
    {
        var position = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        return position < 0 ? message : message[..position];
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "array",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    private static Resource Check(Deserialized result)
    {
        if (result.Errors.Count > 0)
            throw Invalid("The resource is invalid: " + JoinMessages(result.Errors));

        return result.Resource ?? throw Invalid("The body contains no resource.");
    }

    /// <summary>Joins the messages of the first five errors, each of which names its location.</summary>
    private static string JoinMessages(IEnumerable<CodedException> errors) =>
        string.Join(" ", errors.Take(5).Select(error => error.Message));

    private static FhirOperationException Invalid(string message) =>
        new(HttpStatusCode.BadRequest, OperationOutcome.IssueType.Structure, message);

    /// <summary>A deserialized resource, partly read when the parser reported errors, with those errors.</summary>
    private readonly record struct Deserialized(Resource? Resource, IReadOnlyList<CodedException> Errors);

    /// <summary>Writes a resource as compact FHIR JSON in UTF-8.</summary>
    public static byte[] ToJsonBytes(Base resource)
    {
        using var buffer = new MemoryStream(4096);
        WriteJson(resource, buffer, pretty: false);
        return buffer.ToArray();
    }

    /// <summary>
    /// Writes a resource or an element as compact FHIR JSON at the current position of
    /// <paramref name="writer"/>, such as the value of a property.
    /// </summary>
    public static void WriteJson(Base element, Utf8JsonWriter writer) => JsonSerializer.Serialize(element, writer);

    /// <summary>Writes a resource as FHIR JSON or XML to a stream.</summary>
    public static void Write(Base resource, FhirFormat format, bool pretty, Stream output)
    {
        if (format == FhirFormat.Xml)
        {
            var settings = new XmlWriterSettings { Indent = pretty, Encoding = new UTF8Encoding(false) };
            using var writer = XmlWriter.Create(output, settings);
            XmlSerializer.Serialize(resource, writer);
            return;
        }

        WriteJson(resource, output, pretty);
    }

    private static void WriteJson(Base resource, Stream output, bool pretty)
    {
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions
        {
            Indented = pretty,
            SkipValidation = true,

            // FHIR JSON is never embedded in HTML here, so quotes and apostrophes in
            // diagnostics stay readable instead of becoming \u0027 escapes.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        JsonSerializer.Serialize(resource, writer);
        writer.Flush();
    }
}
