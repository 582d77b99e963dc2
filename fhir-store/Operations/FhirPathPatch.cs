using System.Collections;
using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Operations;

/// <summary>
/// Applies a FHIRPath Patch (https://hl7.org/fhir/R4/fhirpatch.html) to a JSON resource. Each
/// path is evaluated with Firely's FHIRPath engine over the resource's POCO, and the selected
/// element is changed through its parent's property, so choice elements, lists and primitives
/// that carry extensions keep their FHIR shape.
/// </summary>
public static partial class FhirPathPatch
{
    /// <summary>
    /// Returns the patched resource JSON, or null when the operations leave it as it was. Throws
    /// 400 for a malformed patch, 422 for an operation that cannot apply or when the paths spend
    /// the <paramref name="budget"/>, and <see cref="OperationCanceledException"/> when the
    /// request is cancelled. The message names the operation by its 0-based position among the
    /// parameters.
    /// </summary>
    internal static byte[]? Apply(ReadOnlyMemory<byte> document, Parameters patch, PatchEvaluationBudget budget)
    {
        var operations = ParseOperations(patch);
        var resource = Formats.FhirSerializer.ParseTrustedJson(document.Span);
        var before = Formats.FhirSerializer.ToJsonBytes(resource);

        foreach (var operation in operations)
        {
            budget.ThrowIfStopped();
            try
            {
                ApplyOne(resource, operation, budget);
            }
            catch (FhirOperationException exception)
            {
                throw new FhirOperationException(
                    exception.StatusCode,
                    exception.IssueType,
                    $"Patch operation {operation.Number} ({operation.Type} {operation.Path}): {exception.Message}",
                    exception.Expression ?? ParameterPath(operation.Number));
            }
            catch (Exception exception) when (exception is InvalidCastException or ArgumentException or InvalidOperationException or FormatException)
            {
                // Firely's FHIRPath evaluation and POCO setters raise these for values of the wrong type.
                throw new FhirOperationException(
                    System.Net.HttpStatusCode.UnprocessableEntity,
                    Hl7.Fhir.Model.OperationOutcome.IssueType.Processing,
                    $"Patch operation {operation.Number} ({operation.Type} {operation.Path}): {exception.Message}",
                    ParameterPath(operation.Number));
            }
        }

        var after = Formats.FhirSerializer.ToJsonBytes(resource);
        return before.AsSpan().SequenceEqual(after) ? null : after;
    }

    private static void ApplyOne(Resource resource, Operation operation, PatchEvaluationBudget budget)
    {
        switch (operation.Type)
        {
            case "add":
                Add(SelectOne(resource, operation, budget), operation);
                break;
            case "insert":
                Insert(SelectList(resource, operation, budget), operation);
                break;
            case "delete":
                Delete(resource, operation, budget);
                break;
            case "replace":
                Replace(SelectOne(resource, operation, budget), operation);
                break;
            default:
                Move(SelectList(resource, operation, budget), operation);
                break;
        }
    }

    // add: the path selects one element, and the value becomes its child 'name', appended when
    // that child repeats.
    private static void Add(PocoNode container, Operation operation)
    {
        var property = FindProperty(container.Poco, operation.Name!);
        var value = BuildValue(operation.Value!, property, operation.Name!);
        if (property.IsCollection)
        {
            ListOf(container.Poco, property).Add(value);
            return;
        }

        if (GetElement(container.Poco, property) is not null)
            throw Unprocessable($"{container.Poco.TypeName}.{operation.Name} already has a value and does not repeat, so use replace instead.");

        SetElement(container.Poco, property, value);
    }

    private static void Insert(ElementList target, Operation operation)
    {
        var index = operation.Index!.Value;
        if (index > target.Items.Count)
            throw Unprocessable($"The index {index} is past the end of the list, which has {target.Items.Count} items.");

        target.Items.Insert(index, BuildValue(operation.Value!, target.Property, target.Property.Name));
    }

    // delete: a path that selects nothing is not an error, as the FHIRPath Patch specification states.
    private static void Delete(Resource resource, Operation operation, PatchEvaluationBudget budget)
    {
        var nodes = Evaluate(operation.CompiledPath.Select, resource.ToPocoNode(), budget);
        if (nodes.Count == 0)
            return;
        if (nodes.Count > 1)
            throw Unprocessable($"The path selects {nodes.Count} elements, but delete removes only one. Narrow the path, for example with an index.");

        var (parent, property) = Locate(nodes[0]);
        if (property.IsCollection)
            ListOf(parent, property).RemoveAt(IndexOf(ListOf(parent, property), nodes[0].Poco));
        else
            SetElement(parent, property, null);
    }

    private static void Replace(PocoNode node, Operation operation)
    {
        var (parent, property) = Locate(node);
        var value = KeepPrimitiveDetails(node.Poco, BuildValue(operation.Value!, property, property.Name));
        if (property.IsCollection)
        {
            var list = ListOf(parent, property);
            list[IndexOf(list, node.Poco)] = value;
        }
        else
        {
            SetElement(parent, property, value);
        }
    }

    private static void Move(ElementList target, Operation operation)
    {
        var count = target.Items.Count;
        var source = operation.Source!.Value;
        var destination = operation.Destination!.Value;
        if (source >= count || destination >= count)
            throw Unprocessable($"The source {source} and destination {destination} must both be below the list's length, {count}.");

        var item = target.Items[source];
        target.Items.RemoveAt(source);
        target.Items.Insert(destination, item);
    }

    private static PocoNode SelectOne(Resource resource, Operation operation, PatchEvaluationBudget budget)
    {
        var nodes = Evaluate(operation.CompiledPath.Select, resource.ToPocoNode(), budget);
        if (nodes.Count != 1)
            throw Unprocessable($"The path selects {nodes.Count} elements, but this operation needs exactly one.");

        EnsureInResource(nodes[0], resource);
        return nodes[0];
    }

    // A computed value, such as the result of count() or a literal, has no parent and is not
    // the resource, so changing it would change nothing that is stored.
    private static void EnsureInResource(PocoNode node, Resource resource)
    {
        if (node.Parent is null && !ReferenceEquals(node.Poco, resource))
            throw Unprocessable("The path selects a computed value, not an element of the resource.");
    }

    /// <summary>
    /// Finds the list that an insert or move path names. The path's last step names the list
    /// element, and the steps before it must select exactly one element, so an empty list is
    /// found too, although the whole path then selects nothing.
    /// </summary>
    private static ElementList SelectList(Resource resource, Operation operation, PatchEvaluationBudget budget)
    {
        var (_, childName, focus) = operation.CompiledPath;
        if (childName is null || focus is null)
            throw Malformed($"The path '{operation.Path}' must end with the name of a repeating element, such as Patient.identifier.");

        var containers = Evaluate(focus, resource.ToPocoNode(), budget);
        if (containers.Count != 1)
            throw Unprocessable($"The path before '{childName}' selects {containers.Count} elements, but it must select exactly one.");

        EnsureInResource(containers[0], resource);
        var container = containers[0].Poco;
        var property = FindProperty(container, childName);
        if (!property.IsCollection)
            throw Unprocessable($"{container.TypeName}.{childName} does not repeat, so it has no list to insert into or move within.");

        return new ElementList(ListOf(container, property), property);
    }

    private static int IndexOf(IList list, Base item)
    {
        for (var index = 0; index < list.Count; index++)
        {
            if (ReferenceEquals(list[index], item))
                return index;
        }

        throw Unprocessable("The selected element was not found in its parent's list.");
    }

    /// <summary>A repeating element's list and the property that contains it.</summary>
    private sealed record ElementList(IList Items, Hl7.Fhir.Introspection.PropertyMapping Property);
}
