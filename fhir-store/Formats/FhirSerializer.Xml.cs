using System.Text;
using System.Xml;
using Hl7.Fhir.Model;
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
        catch (NotSupportedException exception)
        {
            throw AbstractResourceType(exception);
        }

        return new Deserialized(resource, WithoutEmptyRootIssues(resource, issues));
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
    /// <remarks>
    /// The depth is counted on the parsed elements rather than on serialized JSON, so that the
    /// resource is serialized only once, when the store writes it.
    /// </remarks>
    private static void EnsureJsonDepth(Resource resource)
    {
        if (JsonDepth(resource) > MaxDepth)
            throw Invalid($"The resource is invalid: as FHIR JSON it nests deeper than {MaxDepth} levels, the maximum this server accepts. Nest fewer elements, such as extensions.");
    }

    /// <summary>
    /// Counts the levels of JSON objects and arrays that FHIR JSON nests to write
    /// <paramref name="element"/> as an object: the object itself, an array for each repeating
    /// element, and an object for each complex element, resource, and primitive with an id or
    /// extensions.
    /// </summary>
    /// <remarks>
    /// FHIR JSON writes a primitive's value as a plain JSON value under its name, and its id
    /// and extensions as an object under the name prefixed with <c>_</c>, one per list item.
    /// The recursion is bounded because XML input nests at most <see cref="MaxDepth"/> elements.
    /// </remarks>
    private static int JsonDepth(Base element)
    {
        var deepest = 0;
        foreach (var (_, value) in element.EnumerateElements())
        {
            var depth = value switch
            {
                IReadOnlyList<Base> items => 1 + items.Max(ItemJsonDepth),
                Base single => ItemJsonDepth(single),
                _ => 0,
            };
            deepest = Math.Max(deepest, depth);
        }

        return 1 + deepest;
    }

    private static int ItemJsonDepth(Base value) => value switch
    {
        PrimitiveType { ElementId: null, Extension.Count: 0 } => 0,
        _ => JsonDepth(value),
    };
}
