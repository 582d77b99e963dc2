using System.Text.Json;

namespace Probe.Bare;

/// <summary>The 2 KB JSON document that <c>GET /json</c> returns, built once at start.</summary>
internal static class FixedDocument
{
    /// <summary>The document's size in bytes.</summary>
    public const int Size = 2048;

    /// <summary>Builds a Patient-shaped JSON object padded to exactly <see cref="Size"/> bytes.</summary>
    public static byte[] Create()
    {
        var prefix = Serialize(string.Empty);
        var padding = new string('x', Size - prefix.Length);
        var document = Serialize(padding);
        if (document.Length != Size)
            throw new InvalidOperationException($"The fixed document has {document.Length} bytes, not {Size}.");

        return document;
    }

    private static byte[] Serialize(string padding)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("resourceType", "Patient");
            writer.WriteString("id", "probe");
            writer.WriteStartArray("name");
            writer.WriteStartObject();
            writer.WriteString("family", "Probe");
            writer.WriteStartArray("given");
            writer.WriteStringValue("Bare");
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteString("gender", "unknown");
            writer.WriteString("birthDate", "1970-01-01");
            writer.WriteStartObject("text");
            writer.WriteString("status", "generated");
            writer.WriteString("div", padding);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }
}
