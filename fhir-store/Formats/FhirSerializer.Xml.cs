using System.Text;
using System.Text.Json;
using System.Xml;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;
using Resource = Hl7.Fhir.Model.Resource;

namespace Sandbox.FhirStore.Formats;

// The FHIR XML parse path, with the depth checks that keep its result readable as stored JSON.
public static partial class FhirSerializer
{
    private static readonly FhirXmlDeserializer XmlDeserializer = new(new DeserializerSettings());

    private static readonly XmlReaderSettings XmlReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
    };

    private static Resource ParseXml(ReadOnlySpan<byte> content) => CheckXmlInput(DeserializeXml(content));

    /// <summary>Runs the checks of client XML on a deserialized body: the parser's errors, the JSON depth and narratives.</summary>
    private static Resource CheckXmlInput(Deserialized result)
    {
        var resource = Check(result);
        EnsureJsonDepth(resource);
        NarrativeCheck.Ensure(resource);
        return resource;
    }

    /// <summary>
    /// Deserializes FHIR XML and returns the resource with the errors the parser reported.
    /// Throws <see cref="FhirOperationException"/> (400) when the content is not well-formed XML.
    /// </summary>
    private static Deserialized DeserializeXml(ReadOnlySpan<byte> content)
    {
        var text = Encoding.UTF8.GetString(content);
        Resource? resource;
        IEnumerable<CodedException>? issues;
        try
        {
            EnsureXmlDepth(text);
            using var reader = XmlReader.Create(new StringReader(text), XmlReaderSettings);
            XmlDeserializer.TryDeserializeResource(reader, out resource, out issues);
        }
        catch (XmlException exception)
        {
            throw Invalid($"The body is not valid XML: {exception.Message}");
        }
        catch (Exception exception) when (exception is InvalidOperationException or FormatException or OverflowException or ArgumentException)
        {
            throw Invalid($"The body contains a value that cannot be read: {exception.Message}");
        }

        return new Deserialized(resource, issues?.ToList() ?? []);
    }

    /// <summary>
    /// Rejects XML nested deeper than <see cref="MaxDepth"/> elements before the Firely parser
    /// reads it, because that parser descends recursively into nested elements.
    /// </summary>
    private static void EnsureXmlDepth(string text)
    {
        using var reader = XmlReader.Create(new StringReader(text), XmlReaderSettings);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.Depth >= MaxDepth)
                throw Invalid($"The XML is invalid: its elements nest deeper than {MaxDepth} levels, the maximum this server accepts. Nest fewer elements, such as extensions.");
        }
    }

    /// <summary>
    /// Rejects a resource whose JSON form, which the store keeps, nests deeper than
    /// <see cref="MaxDepth"/>. A repeating element takes one level in XML but two in JSON (an
    /// array and an object), so XML within the limit can still be too deep as JSON.
    /// </summary>
    private static void EnsureJsonDepth(Resource resource)
    {
        var reader = new Utf8JsonReader(ToJsonBytes(resource), ReaderOptions);
        try
        {
            while (reader.Read())
            {
            }
        }
        catch (JsonException)
        {
            throw Invalid($"The resource is invalid: as FHIR JSON it nests deeper than {MaxDepth} levels, the maximum this server accepts. Nest fewer elements, such as extensions.");
        }
    }
}
