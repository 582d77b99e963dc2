using Hl7.Fhir.FhirPath;
using Hl7.Fhir.Model;
using Hl7.FhirPath;

namespace Sandbox.FhirStore.Search.Definitions;

/// <summary>
/// A search expression, compiled on its first evaluation: a direct POCO walk when the
/// expression is a plain path, otherwise Firely's compiled FHIRPath with a resolver that makes
/// <c>resolve()</c> typed.
/// </summary>
/// <remarks>
/// The catalog contains about 1,700 expressions, and a process evaluates only those of the types
/// it stores. Compiling them all added about 130 ms of CPU to every start, on a 2-core machine
/// where the start keeps both cores busy, so each compiles when first needed.
/// </remarks>
internal sealed class SearchExpression
{
    // Firely's compiler was not checked for thread safety, and writes on several threads may
    // need the same expression at once, so compilations run one at a time.
    private static readonly Lock CompileLock = new();

    private readonly Lazy<Func<Base, FhirEvaluationContext, IEnumerable<Base>>> _select;

    private SearchExpression(FhirPathCompiler compiler, string expression, string? rootType) =>
        _select = new(() => Compile(compiler, expression, rootType));

    /// <summary>
    /// Creates the expression without compiling it. A plain path is not also compiled with
    /// FHIRPath, because compiling all R4 expressions with FHIRPath took about 1.2 s of CPU
    /// (measured on a 2-core build machine), and about 90 % of them are plain paths. Firely SDK
    /// 6.8 compiles every one of them without error, which a test checks.
    /// </summary>
    public static SearchExpression Create(FhirPathCompiler compiler, string expression, string? rootType) =>
        new(compiler, expression, rootType);

    /// <summary>Compiles the expression now unless that has been done; for warm-ups and tests.</summary>
    /// <exception cref="FormatException">The expression is not valid FHIRPath.</exception>
    /// <exception cref="ArgumentException">The expression calls an unknown function.</exception>
    /// <exception cref="InvalidOperationException">Firely cannot compile the expression.</exception>
    public void EnsureCompiled() => _ = _select.Value;

    public IEnumerable<Base> Select(Base focus, FhirEvaluationContext context) => _select.Value(focus, context);

    private static Func<Base, FhirEvaluationContext, IEnumerable<Base>> Compile(
        FhirPathCompiler compiler,
        string expression,
        string? rootType)
    {
        var path = PathExpressionCompiler.TryCompile(expression, rootType);
        if (path is not null)
            return (focus, _) => path(focus);

        CompiledExpression fhirPath;
        lock (CompileLock)
            fhirPath = compiler.Compile(expression);

        return (focus, context) => fhirPath([focus.ToPocoNode()], context)
            .Select(node => node.Poco)
            .Where(value => value is not null)
            .Select(value => value!);
    }
}
