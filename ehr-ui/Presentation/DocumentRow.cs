namespace Sandbox.EhrUi.Presentation;

/// <summary>
/// One DocumentReference as the documents table shows it. <see cref="Text"/> is the decoded
/// text of the first plain-text attachment, or null when there is none.
/// </summary>
public sealed record DocumentRow(
    string Id,
    string Type,
    string Date,
    string Status,
    string Author,
    string ContentType,
    string? Text);
