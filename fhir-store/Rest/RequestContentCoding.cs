using System.IO.Compression;
using System.Net;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Sandbox.FhirStore.Rest;

/// <summary>
/// The decoding of request bodies sent with <c>Content-Encoding</c>, which FHIR clients send
/// when configured to compress, such as the Firely SDK's
/// <c>FhirClientSettings.RequestBodyCompressionMethod</c>.
/// </summary>
internal static class RequestContentCoding
{
    /// <summary>The codings the store decodes, as the <c>Accept-Encoding</c> of a 415 response lists them.</summary>
    public const string Supported = "gzip, deflate, br";

    /// <summary>
    /// Returns the codings of the request body in the order they were applied, without
    /// <c>identity</c>. Throws <see cref="FhirOperationException"/> (415) for a coding the
    /// store cannot decode, before any of the body is read.
    /// </summary>
    public static IReadOnlyList<string> Codings(HttpContext context)
    {
        var codings = context.Request.Headers.ContentEncoding.ToString()
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(coding => coding.ToLowerInvariant())
            .Where(coding => coding != "identity")
            .ToList();
        var unsupported = codings.FirstOrDefault(coding => coding is not ("gzip" or "x-gzip" or "deflate" or "br"));
        if (unsupported is null)
            return codings;

        // RFC 7694 recommends that a 415 for an unsupported coding list the supported ones in
        // Accept-Encoding. OnStarting sets it after the error middleware clears the headers.
        context.Response.OnStarting(() =>
        {
            if (context.Response.StatusCode == StatusCodes.Status415UnsupportedMediaType)
                context.Response.Headers[HeaderNames.AcceptEncoding] = Supported;

            return System.Threading.Tasks.Task.CompletedTask;
        });
        throw new FhirOperationException(
            HttpStatusCode.UnsupportedMediaType,
            OperationOutcome.IssueType.NotSupported,
            $"The request body has Content-Encoding '{unsupported}', which this server cannot decode; send it uncompressed or encoded with {Supported}.");
    }

    /// <summary>
    /// Decodes <paramref name="body"/>, undoing the last coding first. Throws
    /// <see cref="FhirOperationException"/> with 400 when the data does not match its coding
    /// and 413 when the decoded body is larger than <paramref name="limit"/> bytes.
    /// </summary>
    public static byte[] Decode(byte[] body, IReadOnlyList<string> codings, long limit, Func<FhirOperationException> tooLarge)
    {
        for (var index = codings.Count - 1; index >= 0; index--)
            body = DecodeOne(body, codings[index], limit, tooLarge);

        return body;
    }

    private static byte[] DecodeOne(byte[] body, string coding, long limit, Func<FhirOperationException> tooLarge)
    {
        using var input = new MemoryStream(body, writable: false);
        using var decoder = Decoder(input, coding, body);
        using var output = new MemoryStream();
        var chunk = new byte[81920];
        try
        {
            int read;
            while ((read = decoder.Read(chunk, 0, chunk.Length)) > 0)
            {
                // Checking while decoding stops a small body that expands without bound.
                if (output.Length + read > limit)
                    throw tooLarge();

                output.Write(chunk, 0, read);
            }
        }
        catch (Exception exception) when (exception is InvalidDataException or InvalidOperationException)
        {
            // GZipStream, ZLibStream and DeflateStream raise InvalidDataException on data that
            // does not match the format, and BrotliStream raises InvalidOperationException.
            throw new FhirOperationException(
                HttpStatusCode.BadRequest,
                OperationOutcome.IssueType.Structure,
                $"The request body is not valid {coding} data: {exception.Message} Compress the body with the coding that Content-Encoding names, or send it without that header.");
        }

        return output.ToArray();
    }

    private static Stream Decoder(Stream input, string coding, byte[] body) => coding switch
    {
        "gzip" or "x-gzip" => new GZipStream(input, CompressionMode.Decompress),
        "br" => new BrotliStream(input, CompressionMode.Decompress),

        // HTTP's "deflate" coding is the zlib format, but some clients send a raw deflate
        // stream under that name, so the zlib header decides.
        _ => HasZlibHeader(body)
            ? new ZLibStream(input, CompressionMode.Decompress)
            : new DeflateStream(input, CompressionMode.Decompress),
    };

    // RFC 1950: compression method 8 in the low bits of the first byte, and the
    // first two bytes as a big-endian number are a multiple of 31.
    private static bool HasZlibHeader(byte[] body) =>
        body.Length >= 2 && (body[0] & 0x0F) == 8 && ((body[0] << 8) | body[1]) % 31 == 0;
}
