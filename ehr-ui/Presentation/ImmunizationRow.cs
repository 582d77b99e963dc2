namespace Sandbox.EhrUi.Presentation;

/// <summary>One Immunization as the immunizations table shows it.</summary>
public sealed record ImmunizationRow(
    string Id,
    string Vaccine,
    string Date,
    string Status,
    string LotNumber);
