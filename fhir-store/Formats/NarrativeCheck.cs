using System.Net;
using System.Xml;
using Hl7.Fhir.Model;
using Resource = Hl7.Fhir.Model.Resource;

namespace Sandbox.FhirStore.Formats;

/// <summary>
/// Checks the narrative <c>div</c> of a resource, of its contained resources and of the
/// resources that a Bundle or Parameters carries. The XML serializer writes a div as it is, so
/// a div that is not well-formed XHTML would corrupt every XML response that contains it.
/// </summary>
internal static class NarrativeCheck
{
    private const int MaxMessages = 3;

    // A browser runs a javascript: or vbscript: URL when a user follows the link, and txt-1
    // admits any href, so an app that renders the narrative would run a script the record carries.
    private static readonly string[] ScriptSchemes = ["javascript:", "vbscript:"];

    private static readonly XmlReaderSettings WellFormedSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
    };

    /// <summary>
    /// Throws <see cref="FhirOperationException"/> (400) naming the first narrative that is not
    /// well-formed XHTML, that breaks the FHIR R4 rules txt-1 (only basic HTML elements and
    /// attributes, so no scripts, forms or event handlers) and txt-2 (some non-whitespace
    /// content), or that carries a <c>javascript:</c> or <c>vbscript:</c> URL in an attribute.
    /// </summary>
    public static void Ensure(Resource resource) => Ensure(resource, resource.TypeName);

    private static void Ensure(Resource resource, string path)
    {
        if (resource is DomainResource domain)
        {
            if (domain.Text?.Div is { } div)
                EnsureValid(div, $"{path}.text.div");

            for (var index = 0; index < domain.Contained.Count; index++)
                Ensure(domain.Contained[index], $"{path}.contained[{index}]");
        }

        if (resource is Bundle bundle)
            EnsureEntries(bundle, path);
        else if (resource is Parameters parameters)
            EnsureParameters(parameters.Parameter, $"{path}.parameter");
    }

    private static void EnsureEntries(Bundle bundle, string path)
    {
        for (var index = 0; index < bundle.Entry.Count; index++)
            EnsureEntry(bundle.Entry[index], $"{path}.entry[{index}]");
    }

    /// <summary>
    /// Checks the resources of one Bundle entry as <see cref="Ensure(Resource)"/> does. Messages
    /// locate the entry by <paramref name="path"/>, such as <c>Bundle.entry[2]</c>.
    /// </summary>
    public static void EnsureEntry(Bundle.EntryComponent entry, string path)
    {
        if (entry.Resource is not null)
            Ensure(entry.Resource, $"{path}.resource");
        if (entry.Response?.Outcome is not null)
            Ensure(entry.Response.Outcome, $"{path}.response.outcome");
    }

    private static void EnsureParameters(List<Parameters.ParameterComponent> parameters, string path)
    {
        for (var index = 0; index < parameters.Count; index++)
        {
            var parameter = parameters[index];
            if (parameter.Resource is not null)
                Ensure(parameter.Resource, $"{path}[{index}].resource");

            EnsureParameters(parameter.Part, $"{path}[{index}].part");
        }
    }

    private static void EnsureValid(string div, string path)
    {
        // Firely's check replaces HTML entities such as &nbsp; before it parses. The XML
        // serializer writes the div unchanged, so the stored text itself must be well-formed.
        if (!IsWellFormed(div, out var malformed, out var scriptUrl))
            throw Invalid($"The narrative at {path} is not well-formed XHTML: {malformed} Escape & and < in text as &amp; and &lt;, and use character references such as &#160; for HTML entities.", path);
        if (scriptUrl is not null)
            throw Invalid($"The narrative at {path} has a script URL in {scriptUrl}. A narrative may not run scripts: use an http or https URL, or remove the link.", path);
        if (XHtml.IsValidNarrativeXhtml(div, out malformed, out var errors))
            return;

        var reasons = malformed ?? string.Join(" ", errors.Take(MaxMessages));
        throw Invalid(
            $"The narrative at {path} breaks the FHIR XHTML rules (a root div in the XHTML namespace, basic HTML only, no scripts, forms or event attributes, some text): {reasons}",
            path);
    }

    // Reads the whole div, which also finds the first attribute whose value is a script URL,
    // named as "the href attribute of <a>".
    private static bool IsWellFormed(string div, out string? error, out string? scriptUrl)
    {
        scriptUrl = null;
        try
        {
            using var reader = XmlReader.Create(new StringReader(div), WellFormedSettings);
            while (reader.Read())
                scriptUrl ??= FindScriptUrl(reader);

            error = null;
            return true;
        }
        catch (XmlException exception)
        {
            error = exception.Message;
            return false;
        }
    }

    private static string? FindScriptUrl(XmlReader reader)
    {
        if (reader.NodeType != XmlNodeType.Element)
            return null;

        var element = reader.LocalName;
        if (!reader.MoveToFirstAttribute())
            return null;

        string? found = null;
        do
        {
            if (IsScriptUrl(reader.Value))
                found ??= $"the {reader.LocalName} attribute of <{element}>";
        }
        while (reader.MoveToNextAttribute());

        reader.MoveToElement();
        return found;
    }

    // Browsers skip leading spaces and drop tabs and line breaks anywhere in a URL, so
    // "java&#9;script:" runs as well. This drops every control character and space, a little
    // more than browsers do.
    private static bool IsScriptUrl(string value)
    {
        if (value.IndexOf(':') < 0)
            return false;

        var compact = string.Concat(value.Where(character => character > ' '));
        return ScriptSchemes.Any(scheme => compact.StartsWith(scheme, StringComparison.OrdinalIgnoreCase));
    }

    private static FhirOperationException Invalid(string message, string path) =>
        new(HttpStatusCode.BadRequest, OperationOutcome.IssueType.Invalid, message, path);
}
