namespace Sandbox.EhrUi.Presentation;

/// <summary>One Condition as the problem list shows it.</summary>
public sealed record ProblemRow(
    string Id,
    string Problem,
    string ClinicalStatus,
    string VerificationStatus,
    string Onset,
    string Abated,
    string Recorded,
    bool IsActive);
