using System.Globalization;
using Sandbox.FhirStore.Storage;

namespace Sandbox.FhirStore.Operations.History;

/// <summary>
/// Writes and reads the <c>_page</c> value of history links:
/// <c>{lastUpdated in Unix milliseconds}.{versionId}.{type}.{id}</c>. Types never contain a
/// dot, so the id, which may, is everything after the third one.
/// </summary>
internal static class HistoryPageToken
{
    public static string Format(HistoryPosition position) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{position.LastUpdated.ToUnixTimeMilliseconds()}.{position.VersionId}.{position.ResourceType}.{position.Id}");

    /// <summary>Parses a token, or returns null for an empty one; throws 400 for one the server did not write.</summary>
    public static HistoryPosition? Parse(string text)
    {
        if (text.Length == 0)
            return null;

        var parts = text.Split('.', 4);
        if (parts.Length == 4
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
            && milliseconds <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var versionId)
            && ResourceTypes.IsKnown(parts[2])
            && ResourceTypes.IsValidId(parts[3]))
        {
            return new HistoryPosition(DateTimeOffset.FromUnixTimeMilliseconds(milliseconds), parts[2], parts[3], versionId);
        }

        throw HistoryParameters.Invalid(
            $"{HistoryParameters.PageParameter} '{text}' is not a history position this server wrote; follow the next link of a history Bundle.");
    }
}
