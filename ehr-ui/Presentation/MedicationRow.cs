namespace Sandbox.EhrUi.Presentation;

/// <summary>One MedicationRequest as the medications table shows it.</summary>
public sealed record MedicationRow(
    string Id,
    string Medication,
    string Status,
    string Intent,
    string AuthoredOn,
    string Dosage,
    string Requester,
    bool IsActive);
