using System.Collections;
using System.Net;
using Hl7.Fhir.Model;
using Hl7.FhirPath;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace Sandbox.FhirStore.Operations;

/// <summary>
/// The evaluation steps that the FHIRPath Patches of one request may take together, and the
/// request's cancellation. Paths compiled with debug hooks call <see cref="TraceCall"/> after
/// each expression node evaluates, so the budget counts every step whatever the path.
/// </summary>
internal sealed class PatchEvaluationBudget(
    long maxSteps,
    PatchRequestScope scope,
    CancellationToken cancellationToken) : IDebugTracer
{
    /// <summary>True once the steps ran out or the request was cancelled.</summary>
    public bool IsStopped => scope.StepsTaken > maxSteps || cancellationToken.IsCancellationRequested;

    /// <summary>
    /// Counts one step for the evaluated node and one for each further item of a materialized
    /// result, then stops the evaluation when the budget is spent or the client went away.
    /// </summary>
    public void TraceCall(
        Hl7.FhirPath.Expressions.Expression expr,
        int contextId,
        IEnumerable<PocoNode> focus,
        IEnumerable<PocoNode> thisValue,
        PocoNode index,
        IEnumerable<PocoNode> totalValue,
        IEnumerable<PocoNode> result,
        IEnumerable<KeyValuePair<string, IEnumerable<PocoNode>>> variables)
    {
        // A lazy result is not enumerated here: its items are counted by the steps that
        // produce them, and enumerating it twice would double the work.
        scope.StepsTaken += result is ICollection collection ? Math.Max(1, collection.Count) : 1;
        ThrowIfStopped();
    }

    /// <summary>
    /// Throws <see cref="OperationCanceledException"/> when the request was cancelled, and a
    /// 422 <see cref="FhirOperationException"/> when the steps ran out.
    /// </summary>
    public void ThrowIfStopped()
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (scope.StepsTaken > maxSteps)
        {
            throw new FhirOperationException(
                HttpStatusCode.UnprocessableEntity,
                IssueType.TooCostly,
                $"Evaluating the patch paths of this request took more than {maxSteps:N0} FHIRPath steps, the maximum that Fhir:MaxPatchEvaluationSteps sets. Narrow the paths, for example with an index in place of a nested where().");
        }
    }
}
