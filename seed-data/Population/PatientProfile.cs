using Hl7.Fhir.Model;

namespace Sandbox.SeedData.Population;

/// <summary>
/// The demographics of one seed patient and the method that writes its clinical history.
/// The birth date is the reference date minus <see cref="AgeYears"/> years and
/// <see cref="AgeDays"/> days, so the age stays the same whatever day the seed runs.
/// </summary>
internal sealed record PatientProfile
{
    /// <summary>The resource id, for example <c>p-ava-thompson</c>.</summary>
    public required string Id { get; init; }

    public required string[] Given { get; init; }

    public required string Family { get; init; }

    public required AdministrativeGender Gender { get; init; }

    public required int AgeYears { get; init; }

    public int AgeDays { get; init; }

    public required string Street { get; init; }

    public required string PostalCode { get; init; }

    public required string Phone { get; init; }

    /// <summary>The practitioner named as general practitioner.</summary>
    public required string GeneralPractitionerId { get; init; }

    public string ManagingOrganizationId { get; init; } = CareSites.FamilyClinicId;

    /// <summary>A BCP 47 language tag and its name, when the patient prefers a language other than English.</summary>
    public (string Code, string Display)? PreferredLanguage { get; init; }

    /// <summary>Days before the reference date on which the patient died, or null when alive.</summary>
    public int? DiedDaysAgo { get; init; }

    /// <summary>The birth order within a multiple birth, or null for a single birth.</summary>
    public int? BirthOrder { get; init; }

    /// <summary>Adult height and weight, which the vital signs of adults vary around.</summary>
    public decimal HeightCm { get; init; } = 170m;

    public decimal WeightKg { get; init; } = 70m;

    /// <summary>A parent or guardian shown as the patient's contact, for children.</summary>
    public (string Given, string Family, string Phone)? Guardian { get; init; }

    /// <summary>Writes the patient's encounters, conditions, observations and medications.</summary>
    public Action<PatientChart> History { get; init; } = _ => { };

    /// <summary>The id without its <c>p-</c> prefix, used inside the ids of the patient's resources.</summary>
    public string Slug => Id["p-".Length..];
}
