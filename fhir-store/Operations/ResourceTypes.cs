using System.Collections.Frozen;
using System.Net;
using System.Text.RegularExpressions;
using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Operations;

/// <summary>The concrete R4 resource types and the checks on type names and ids in URLs.</summary>
public static partial class ResourceTypes
{
    /// <summary>Every concrete resource type of FHIR R4, sorted by name.</summary>
    public static IReadOnlyList<string> All { get; } = ModelInfo.SupportedResources
        .Where(name => name is not "Resource" and not "DomainResource")
        .Order(StringComparer.Ordinal)
        .ToList();

    private static readonly FrozenSet<string> Known = All.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Checks whether <paramref name="resourceType"/> is a concrete R4 resource type.</summary>
    public static bool IsKnown(string resourceType) => Known.Contains(resourceType);

    /// <summary>Checks <paramref name="id"/> against the FHIR id rule.</summary>
    public static bool IsValidId(string id) => IdPattern().IsMatch(id);

    /// <summary>
    /// Throws 404 unless <paramref name="resourceType"/> is a concrete R4 resource type. A name
    /// that starts with '$' is an operation the server lacks, and its message names it as one.
    /// </summary>
    public static void EnsureKnown(string resourceType)
    {
        if (resourceType.StartsWith('$'))
            throw UnsupportedOperation(resourceType);

        if (!Known.Contains(resourceType))
        {
            throw new FhirOperationException(
                HttpStatusCode.NotFound,
                OperationOutcome.IssueType.NotSupported,
                $"'{resourceType}' is not a FHIR R4 resource type.");
        }
    }

    /// <summary>
    /// Throws 400 unless <paramref name="id"/> follows the FHIR id rule: 1-64 of A-Z, a-z, 0-9,
    /// '-' and '.'. An id that starts with '$' names an operation the server lacks, and gets 404.
    /// </summary>
    public static void EnsureValidId(string id)
    {
        if (id.StartsWith('$'))
            throw UnsupportedOperation(id);

        if (!IdPattern().IsMatch(id))
        {
            throw new FhirOperationException(
                HttpStatusCode.BadRequest,
                OperationOutcome.IssueType.Value,
                $"'{id}' is not a valid resource id: use 1 to 64 letters, digits, '-' or '.'.");
        }
    }

    // A URL segment that starts with '$' names an operation, which reaches this check only when
    // no endpoint of the server serves it.
    private static FhirOperationException UnsupportedOperation(string name) =>
        new(
            HttpStatusCode.NotFound,
            OperationOutcome.IssueType.NotSupported,
            $"The operation '{name}' is not supported at this URL; /fhir/metadata lists the operations this server supports.");

    /// <summary>Creates a new server-assigned id.</summary>
    public static string NewId() => Guid.CreateVersion7().ToString();

    [GeneratedRegex("^[A-Za-z0-9\\-\\.]{1,64}$")]
    private static partial Regex IdPattern();
}
