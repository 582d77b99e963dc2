namespace Sandbox.EhrUi.Presentation;

/// <summary>One AllergyIntolerance as the allergies table shows it.</summary>
public sealed record AllergyRow(
    string Id,
    string Substance,
    string ClinicalStatus,
    string VerificationStatus,
    string Criticality,
    string Category,
    string Reactions,
    string Recorded);
