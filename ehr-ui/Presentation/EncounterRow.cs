namespace Sandbox.EhrUi.Presentation;

/// <summary>One encounter as the encounters table and the banner show it.</summary>
public sealed record EncounterRow(
    string Id,
    string Type,
    string Class,
    string Status,
    string Start,
    string End,
    string Reason,
    string Provider);
