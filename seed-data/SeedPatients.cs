namespace Sandbox.SeedData;

/// <summary>
/// Ids of the seed patients that docs, demos and tests name. They never change between
/// runs or reference dates.
/// </summary>
public static class SeedPatients
{
    /// <summary>An adult with asthma and a penicillin allergy; a patient persona.</summary>
    public const string AvaThompson = "p-ava-thompson";

    /// <summary>A type 2 diabetic whose HbA1c rises over two years, with a care plan.</summary>
    public const string MarcusJohnson = "p-marcus-johnson";

    /// <summary>A three-year-old with well-child visits since birth, for growth charts.</summary>
    public const string MateoGarcia = "p-mateo-garcia";

    /// <summary>Mateo's mother, a Spanish-speaking patient persona with access to her son.</summary>
    public const string LuciaGarcia = "p-lucia-garcia";

    /// <summary>A hypertensive with monthly blood pressure readings that fall under treatment.</summary>
    public const string RobertChen = "p-robert-chen";

    /// <summary>An elderly patient with many medications, some of which interact.</summary>
    public const string EleanorWhitfield = "p-eleanor-whitfield";

    /// <summary>A patient with demographics only and no clinical data at all.</summary>
    public const string NoahBennett = "p-noah-bennett";

    /// <summary>A newborn, five days old on the reference date.</summary>
    public const string NoorHaddad = "p-noor-haddad";

    /// <summary>The first of twin girls.</summary>
    public const string LilyPatel = "p-lily-patel";

    /// <summary>The second of twin girls.</summary>
    public const string RosePatel = "p-rose-patel";

    /// <summary>A patient who died after a myocardial infarction.</summary>
    public const string HaroldMcAllister = "p-harold-mcallister";
}
