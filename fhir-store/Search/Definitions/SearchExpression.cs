using Hl7.Fhir.FhirPath;
using Hl7.Fhir.Model;
using Hl7.FhirPath;

namespace Sandbox.FhirStore.Search.Definitions;

/// <summary>
/// A compiled search expression: a direct POCO walk when the expression is a plain path,
/// otherwise Firely's compiled FHIRPath with a resolver that makes <c>resolve()</c> typed.
/// </summary>
internal sealed class SearchExpression(Func<Base, IEnumerable<Base>>? path, CompiledExpression fhirPath)
{
    /// <summary>Whether the fast path walk is used, for tests and diagnostics.</summary>
    public bool IsPlainPath => path is not null;

    public IEnumerable<Base> Select(Base focus, FhirEvaluationContext context)
    {
        if (path is not null)
            return path(focus);

        return fhirPath([focus.ToPocoNode()], context)
            .Select(node => node.Poco)
            .Where(value => value is not null)
            .Select(value => value!);
    }
}
