using System.Text;
using Hl7.Fhir.Model;

namespace Sandbox.EhrUi.Presentation;

public static partial class ChartRows
{
    /// <summary>The maximum length, in characters, of a note shown inline. Longer notes are cut.</summary>
    public const int MaxNoteLength = 20_000;

    /// <summary>Builds the documents table, newest first, with the text of plain-text notes.</summary>
    public static IReadOnlyList<DocumentRow> Documents(IEnumerable<DocumentReference> documents)
    {
        return documents
            .OrderByDescending(d => d.Date ?? DateTimeOffset.MinValue)
            .Select(Document)
            .ToList();
    }

    private static DocumentRow Document(DocumentReference document)
    {
        var attachments = document.Content.Select(c => c.Attachment).Where(a => a is not null).ToList();
        var title = attachments.Select(a => a.Title).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t));
        var type = FhirDisplay.Concept(document.Type);

        return new DocumentRow(
            Id: document.Id ?? string.Empty,
            Type: title ?? document.Description ?? type,
            Date: document.Date is { } date ? FhirDates.FormatDate(date) : FhirDisplay.Missing,
            Status: FhirDisplay.Code(document.Status),
            Author: JoinOrMissing(document.Author.Select(FhirDisplay.Reference)),
            ContentType: JoinOrMissing(attachments.Select(a => a.ContentType ?? FhirDisplay.Missing)),
            Text: attachments.Select(NoteText).FirstOrDefault(text => text is not null));
    }

    private static string? NoteText(Attachment attachment)
    {
        var isText = attachment.ContentType?.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase) == true;
        if (!isText || attachment.Data is not { Length: > 0 } data)
            return null;

        var text = Encoding.UTF8.GetString(data);
        return text.Length <= MaxNoteLength ? text : string.Concat(text.AsSpan(0, MaxNoteLength), "…");
    }
}
