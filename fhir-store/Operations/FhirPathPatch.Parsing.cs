using System.Net;
using Hl7.Fhir.Model;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace Sandbox.FhirStore.Operations;

/// <summary>Reading the operations out of a FHIRPath Patch Parameters resource.</summary>
public static partial class FhirPathPatch
{
    private static readonly string[] OperationTypes = ["add", "insert", "delete", "replace", "move"];

    private static readonly string[] PartNames = ["type", "path", "name", "value", "index", "source", "destination"];

    // The FHIRPath parser of Firely SDK 6.8 recurses once per nesting level, so 20,000 nested
    // brackets overflow the stack and end the process. A path of at most 1,000 characters
    // nests at most 500 levels. A 490-level path took 0.14 s on a 2-core Linux machine.
    private const int MaxPathLength = 1_000;

    // Each operation evaluates its path over the whole resource, so the work grows with the
    // operation count times the resource size. 10,000 deletes that each filtered a list of
    // 10,000 identifiers ran for minutes and went on after the client gave up.
    private const int MaxOperations = 1_000;

    private static List<Operation> ParseOperations(Parameters patch)
    {
        if (patch.Parameter.Count > MaxOperations)
        {
            throw Malformed(
                $"The patch has {patch.Parameter.Count} operations, more than the maximum of {MaxOperations}. Split it into several PATCH requests.",
                "Parameters.parameter");
        }

        EnsureTotalPathLength(patch.Parameter);
        var operations = new List<Operation>();
        for (var index = 0; index < patch.Parameter.Count; index++)
        {
            var parameter = patch.Parameter[index];
            if (parameter.Name != "operation")
            {
                throw Malformed(
                    $"Parameter {index} is named '{parameter.Name}', but a FHIRPath Patch has only 'operation' parameters.",
                    ParameterPath(index));
            }

            operations.Add(ParseOperation(parameter, index));
        }

        return operations;
    }

    private static Operation ParseOperation(Parameters.ParameterComponent parameter, int index)
    {
        var where = ParameterPath(index);
        var parts = ReadParts(parameter, where);

        var type = ReadString(parts, "type", where) ?? throw Malformed("The operation has no 'type' part.", where);
        if (!OperationTypes.Contains(type, StringComparer.Ordinal))
            throw Malformed($"'{type}' is not a FHIRPath Patch operation type; use add, insert, delete, replace or move.", where);

        var path = ReadPath(parts, type, where);
        var operation = new Operation(
            index,
            type,
            path,
            CompilePath(path, where),
            ReadString(parts, "name", where),
            parts.GetValueOrDefault("value"),
            ReadIndex(parts, "index", where),
            ReadIndex(parts, "source", where),
            ReadIndex(parts, "destination", where));
        EnsureRequiredParts(operation, where);
        return operation;
    }

    private static Dictionary<string, Parameters.ParameterComponent> ReadParts(Parameters.ParameterComponent parameter, string where)
    {
        if (parameter.Value is not null || parameter.Resource is not null)
            throw Malformed("An operation carries its details in parts, not in a value or resource.", where);

        var parts = new Dictionary<string, Parameters.ParameterComponent>(StringComparer.Ordinal);
        foreach (var part in parameter.Part)
        {
            var name = part.Name ?? string.Empty;
            if (!PartNames.Contains(name, StringComparer.Ordinal))
                throw Malformed($"'{name}' is not an operation part; use {string.Join(", ", PartNames)}.", where);
            if (!parts.TryAdd(name, part))
                throw Malformed($"The operation has more than one '{part.Name}' part.", where);
        }

        return parts;
    }

    private static string? ReadString(Dictionary<string, Parameters.ParameterComponent> parts, string name, string where)
    {
        if (!parts.TryGetValue(name, out var part))
            return null;

        return part.Value is PrimitiveType { JsonValue: string text } && text.Length > 0
            ? text
            : throw Malformed($"The '{name}' part needs a non-empty string value, such as valueString or valueCode.", where);
    }

    private static string ReadPath(Dictionary<string, Parameters.ParameterComponent> parts, string type, string where)
    {
        var path = ReadString(parts, "path", where)
            ?? throw Malformed($"The '{type}' operation has no 'path' part.", where);
        if (path.Length > MaxPathLength)
            throw Malformed($"The path has {path.Length} characters, more than the maximum of {MaxPathLength}. Use a shorter path.", where);

        return path;
    }

    private static int? ReadIndex(Dictionary<string, Parameters.ParameterComponent> parts, string name, string where)
    {
        if (!parts.TryGetValue(name, out var part))
            return null;

        return part.Value is PrimitiveType { JsonValue: int number } && number >= 0
            ? number
            : throw Malformed($"The '{name}' part needs a valueInteger of 0 or more.", where);
    }

    private static void EnsureRequiredParts(Operation operation, string where)
    {
        var missing = operation.Type switch
        {
            "add" when operation.Name is null => "name",
            "add" or "insert" or "replace" when operation.Value is null => "value",
            "insert" when operation.Index is null => "index",
            "move" when operation.Source is null => "source",
            "move" when operation.Destination is null => "destination",
            _ => null,
        };
        if (missing is not null)
            throw Malformed($"The '{operation.Type}' operation has no '{missing}' part.", where);
    }

    private static string ParameterPath(int index) => $"Parameters.parameter[{index}]";

    private static FhirOperationException Malformed(string message, string? expression = null) =>
        new(HttpStatusCode.BadRequest, IssueType.Invalid, message, expression);

    private static FhirOperationException Unprocessable(string message) =>
        new(HttpStatusCode.UnprocessableEntity, IssueType.Processing, message);

    /// <summary>One operation parameter, numbered by its position among the parameters.</summary>
    private sealed record Operation(
        int Number,
        string Type,
        string Path,
        CompiledPath CompiledPath,
        string? Name,
        Parameters.ParameterComponent? Value,
        int? Index,
        int? Source,
        int? Destination);
}
