using System.Collections.Frozen;
using Hl7.Fhir.FhirPath;
using Hl7.Fhir.Model;
using Hl7.FhirPath;
using Hl7.FhirPath.Expressions;
using Microsoft.Extensions.Caching.Memory;
using Expression = Hl7.FhirPath.Expressions.Expression;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace Sandbox.FhirStore.Operations;

/// <summary>Checking, compiling and caching the FHIRPath paths of patch operations.</summary>
public static partial class FhirPathPatch
{
    // The FHIR extensions add extension(url) and hasValue() to standard FHIRPath, as for search
    // expressions. Compilations run in parallel: a SymbolTable lookup only reads its entries,
    // which Firely SDK 6.8 keeps in a ConcurrentBag, and Firely's own FhirPathCompilerCache
    // compiles through one compiler from ConcurrentDictionary.GetOrAdd without a lock.
    private static readonly FhirPathCompiler Compiler = new(new SymbolTable().AddStandardFP().AddFhirExtensions());

    // Paths are cached by their text. A patch of 1,000 operations that repeat one path parses
    // it once, and the size limit keeps the cache bounded whatever clients send.
    private static readonly MemoryCache CompiledPaths = new(new MemoryCacheOptions { SizeLimit = 1_000 });

    // Firely's parser takes time that grows faster than linearly with the nesting of brackets:
    // 32 levels parsed in about 6 ms and 470 levels in 0.3 to 0.6 s on a loaded 2-core Linux
    // machine. A path that selects an element nests a few levels, as in
    // Patient.extension.where(url = 'x').value.
    private const int MaxPathNesting = 32;

    // Parsing costs 15 to 180 ms per 1,000-character path on the same machine, depending on its
    // shape, so the paths of one patch together are limited to 50 such paths.
    private const int MaxTotalPathLength = 50_000;

    // Patch paths select elements, so they may navigate, index, filter and compare, and test
    // types and values. Functions that compute new collections or strings (select, repeat,
    // descendants, replace, union, arithmetic and concatenation), call out (resolve, memberOf,
    // trace) or run regular expressions (matches) are rejected.
    private static readonly FrozenSet<string> AllowedFunctions = new[]
    {
        "builtin.children", "builtin.item",
        "where", "exists", "empty", "not", "count",
        "first", "last", "tail", "skip", "take", "single",
        "ofType", "as", "is", "extension", "hasValue",
        "startsWith", "endsWith", "contains", "lower", "upper", "length",
        "binary.=", "binary.!=", "binary.~", "binary.!~",
        "binary.<", "binary.>", "binary.<=", "binary.>=",
        "binary.and", "binary.or", "binary.xor", "binary.implies",
        "binary.is", "binary.as",
        "unary.-", "unary.+",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> AllowedVariables = new[]
    {
        "builtin.this", "builtin.that", "builtin.index", "builtin.total",
        "context", "resource", "rootResource", "ucum", "sct", "loinc",
    }.ToFrozenSet(StringComparer.Ordinal);

    private const string AllowedSummary =
        "Patch paths may use element names, indexers, literals, comparisons, and, or, xor, implies, is, as, "
        + "and the functions where, exists, empty, not, count, first, last, tail, skip, take, single, ofType, as, is, "
        + "extension, hasValue, startsWith, endsWith, contains, lower, upper and length.";

    private static void EnsureTotalPathLength(IReadOnlyList<Parameters.ParameterComponent> parameters)
    {
        var total = 0L;
        foreach (var parameter in parameters)
        {
            var path = parameter.Part.FirstOrDefault(part => part.Name == "path")?.Value as PrimitiveType;
            total += (path?.JsonValue as string)?.Length ?? 0;
        }

        if (total > MaxTotalPathLength)
        {
            throw Malformed(
                $"The paths of the patch have {total} characters together, more than the maximum of {MaxTotalPathLength}. Split it into several PATCH requests.",
                "Parameters.parameter");
        }
    }

    /// <summary>
    /// Returns the compiled form of a path, from the cache when the same text was compiled
    /// before. Throws 400 when the path is not valid FHIRPath, nests too deeply or uses a
    /// function that patch paths may not use.
    /// </summary>
    private static CompiledPath CompilePath(string path, string where)
    {
        if (CompiledPaths.TryGetValue(path, out CompiledPath? cached))
            return cached!;

        EnsureNestingWithinLimit(path, where);
        var parsed = Parse(path, where);
        EnsureAllowed(parsed, path, where);

        var child = parsed as ChildExpression;
        var compiled = new CompiledPath(
            Compiler.Compile(parsed, injectDebugTraceHooks: true),
            child?.ChildName,
            child is null ? null : Compiler.Compile(child.Focus, injectDebugTraceHooks: true));
        CompiledPaths.Set(path, compiled, new MemoryCacheEntryOptions { Size = 1 });
        return compiled;
    }

    private static Expression Parse(string path, string where)
    {
        try
        {
            return Compiler.Parse(path);
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or InvalidOperationException)
        {
            throw Malformed($"The path '{path}' is not a valid FHIRPath expression: {exception.Message}", where);
        }
    }

    /// <summary>
    /// Counts the nesting of round, square and curly brackets outside string literals, quoted
    /// identifiers and comments, before the path is parsed, and rejects a path that nests too deeply.
    /// </summary>
    private static void EnsureNestingWithinLimit(string path, string where)
    {
        var depth = 0;
        var index = 0;
        while (index < path.Length)
        {
            var character = path[index];
            if (character is '\'' or '`')
            {
                index = SkipQuoted(path, index);
                continue;
            }

            if (character == '/' && index + 1 < path.Length && path[index + 1] is '/' or '*')
            {
                index = SkipComment(path, index);
                continue;
            }

            if (character is '(' or '[' or '{')
                depth++;
            else if (character is ')' or ']' or '}')
                depth = Math.Max(0, depth - 1);

            if (depth > MaxPathNesting)
                throw Malformed($"The path nests brackets more than {MaxPathNesting} levels deep. Use a flatter path.", where);

            index++;
        }
    }

    // Returns the index after the closing quote, or the path's length for an unclosed literal,
    // which the parser then rejects. A backslash escapes the next character.
    private static int SkipQuoted(string path, int start)
    {
        var quote = path[start];
        var index = start + 1;
        while (index < path.Length && path[index] != quote)
            index += path[index] == '\\' ? 2 : 1;

        return Math.Min(index + 1, path.Length);
    }

    private static int SkipComment(string path, int start)
    {
        if (path[start + 1] == '/')
        {
            var lineEnd = path.IndexOf('\n', start);
            return lineEnd < 0 ? path.Length : lineEnd + 1;
        }

        var blockEnd = path.IndexOf("*/", start + 2, StringComparison.Ordinal);
        return blockEnd < 0 ? path.Length : blockEnd + 2;
    }

    /// <summary>Walks the parsed path and rejects the first function, operator or variable outside the allowed set.</summary>
    private static void EnsureAllowed(Expression expression, string path, string where)
    {
        switch (expression)
        {
            case FunctionCallExpression call:
                if (!AllowedFunctions.Contains(call.FunctionName))
                    throw Unsupported($"The path '{path}' uses {Describe(call.FunctionName)}, which patch paths may not use. {AllowedSummary}", where);

                EnsureAllowed(call.Focus, path, where);
                foreach (var argument in call.Arguments)
                    EnsureAllowed(argument, path, where);
                break;
            case VariableRefExpression variable:
                if (!AllowedVariables.Contains(variable.Name))
                    throw Unsupported($"The path '{path}' uses the variable '%{variable.Name}', which patch paths may not use. Use %resource, %context or $this.", where);
                break;
            case BracketExpression bracket:
                EnsureAllowed(bracket.Operand, path, where);
                break;
            case ConstantExpression or NewNodeListInitExpression:
                break;
            default:
                throw Unsupported($"The path '{path}' contains a {expression.GetType().Name}, which patch paths may not use. {AllowedSummary}", where);
        }
    }

    private static string Describe(string functionName)
    {
        const string BinaryPrefix = "binary.";
        const string UnaryPrefix = "unary.";
        if (functionName.StartsWith(BinaryPrefix, StringComparison.Ordinal))
            return $"the operator '{functionName[BinaryPrefix.Length..]}'";
        if (functionName.StartsWith(UnaryPrefix, StringComparison.Ordinal))
            return $"the operator '{functionName[UnaryPrefix.Length..]}'";

        return $"the function '{functionName}'";
    }

    private static FhirOperationException Unsupported(string message, string where) =>
        new(System.Net.HttpStatusCode.BadRequest, IssueType.NotSupported, message, where);

    private static List<PocoNode> Evaluate(CompiledExpression expression, PocoNode resource, PatchEvaluationBudget budget)
    {
        var context = new FhirEvaluationContext
        {
            Resource = resource,
            RootResource = resource,
            DebugTracer = budget,
        };
        try
        {
            return expression([resource], context).ToList();
        }
        catch (Exception) when (budget.IsStopped)
        {
            // Firely wraps an exception thrown during evaluation in InvalidOperationException,
            // once per enclosing function, so the budget raises its own error again.
            budget.ThrowIfStopped();
            throw;
        }
    }

    /// <summary>
    /// A checked, compiled path. For a path whose last step names a child, such as
    /// <c>Patient.name[0].prefix</c>, it also has that child's name and the compiled steps before it.
    /// </summary>
    private sealed record CompiledPath(CompiledExpression Select, string? ListName, CompiledExpression? ListFocus);
}
