using System.Net;
using Hl7.Fhir.Model;
using Sandbox.FhirStore.Storage;
using Sandbox.Smart.Access;

namespace Sandbox.FhirStore.Operations.Bundles;

/// <summary>
/// Rewrites the references inside Bundle resources: a reference to another entry's
/// <c>fullUrl</c> (such as <c>urn:uuid:...</c>) becomes <c>Type/id</c> of the stored resource,
/// and a conditional reference (<c>Patient?identifier=...</c>) becomes the one resource it matches
/// among those the grant may read. Other entries' <c>fullUrl</c>s are also replaced in uri, url,
/// oid and uuid elements and in narrative links. A <c>urn:uuid:</c> or <c>urn:oid:</c> reference that names no
/// entry is rejected, because storing it would leave a reference that resolves nowhere. The
/// same rules apply to the references in the JSON Patch document of a PATCH entry.
/// </summary>
internal sealed partial class ReferenceRewriter(
    IStoreTransaction transaction,
    IReadOnlyDictionary<string, string> identities,
    FhirAccessGrant grant)
{
    private readonly Dictionary<string, string> _conditionalMatches = new(StringComparer.Ordinal);

    public async System.Threading.Tasks.Task RewriteAsync(Resource resource, CancellationToken cancellationToken)
    {
        var references = new List<ResourceReference>();
        Collect(resource, references);
        foreach (var reference in references)
        {
            if (reference.Reference is { } value)
                reference.Reference = await ResolveAsync(value, cancellationToken);
        }
    }

    /// <summary>
    /// Returns the stored target of one literal reference: <c>Type/id</c> for another entry's
    /// <c>fullUrl</c> or for a conditional reference, and the reference itself otherwise.
    /// </summary>
    private async Task<string> ResolveAsync(string reference, CancellationToken cancellationToken)
    {
        if (reference.Length == 0 || reference[0] == '#')
            return reference;
        if (identities.TryGetValue(reference, out var target))
            return target;
        if (IsConditional(reference))
            return await ResolveConditionalAsync(reference, cancellationToken);
        if (IsUrn(reference))
            throw UnresolvedUrn(reference);

        return reference;
    }

    private static bool IsUrn(string reference) =>
        reference.StartsWith("urn:uuid:", StringComparison.OrdinalIgnoreCase)
        || reference.StartsWith("urn:oid:", StringComparison.OrdinalIgnoreCase);

    private static FhirOperationException UnresolvedUrn(string reference) =>
        new(
            HttpStatusCode.BadRequest,
            OperationOutcome.IssueType.NotFound,
            $"The reference '{reference}' matches no entry's fullUrl in this Bundle; add the entry it names or reference a stored resource as Type/id.");

    private static bool IsConditional(string reference)
    {
        var question = reference.IndexOf('?', StringComparison.Ordinal);
        return question > 0 && reference.IndexOf('/', 0, question) < 0;
    }

    private async Task<string> ResolveConditionalAsync(string reference, CancellationToken cancellationToken)
    {
        if (_conditionalMatches.TryGetValue(reference, out var cached))
            return cached;

        var question = reference.IndexOf('?', StringComparison.Ordinal);
        var resourceType = reference[..question];
        ResourceTypes.EnsureKnown(resourceType);
        var readable = grant.Decide(resourceType, FhirInteraction.Read);
        var matches = await transaction.MatchAsync(resourceType, reference[(question + 1)..], readable, cancellationToken);
        if (matches.Count != 1)
        {
            var found = matches.Count == 0 ? "no resource" : "more than one resource";
            throw new FhirOperationException(
                HttpStatusCode.PreconditionFailed,
                matches.Count == 0 ? OperationOutcome.IssueType.NotFound : OperationOutcome.IssueType.MultipleMatches,
                $"The conditional reference '{reference}' matches {found}; it must match exactly one.");
        }

        var target = $"{resourceType}/{matches[0]}";
        _conditionalMatches[reference] = target;
        return target;
    }

    private void Collect(Base node, List<ResourceReference> found)
    {
        foreach (var (_, value) in node.EnumerateElements())
        {
            if (value is Base child)
                Visit(child, found);
            else if (value is IEnumerable<Base> children)
            {
                foreach (var item in children)
                    Visit(item, found);
            }
        }
    }

    private void Visit(Base node, List<ResourceReference> found)
    {
        switch (node)
        {
            case FhirUri or FhirUrl or Oid or Uuid:
                RewriteLink((PrimitiveType)node);
                return;
            case XHtml narrative:
                RewriteNarrative(narrative);
                return;
            case PrimitiveType:
                return;
            case ResourceReference reference:
                found.Add(reference);
                break;
        }

        Collect(node, found);
    }
}
