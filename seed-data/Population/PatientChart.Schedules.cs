using Hl7.Fhir.Model;

namespace Sandbox.SeedData.Population;

internal sealed partial class PatientChart
{
    // Well-child visit ages in months, and the vaccines given at each (a simplified US schedule).
    private static readonly (int Months, Concept[] Vaccines)[] WellChildSchedule =
    [
        (0, [CvxCodes.HepatitisBPediatric]),
        (1, [CvxCodes.HepatitisBPediatric]),
        (2, [CvxCodes.Dtap, CvxCodes.Ipv, CvxCodes.HibPrpOmp, CvxCodes.Pcv13, CvxCodes.RotavirusMonovalent]),
        (4, [CvxCodes.Dtap, CvxCodes.Ipv, CvxCodes.HibPrpOmp, CvxCodes.Pcv13, CvxCodes.RotavirusMonovalent]),
        (6, [CvxCodes.Dtap, CvxCodes.Ipv, CvxCodes.Pcv13, CvxCodes.HepatitisBPediatric]),
        (9, []),
        (12, [CvxCodes.Mmr, CvxCodes.Varicella, CvxCodes.HepatitisAPediatric, CvxCodes.HibPrpOmp]),
        (15, [CvxCodes.Dtap, CvxCodes.Pcv13]),
        (18, [CvxCodes.HepatitisAPediatric]),
        (24, []),
        (30, []),
        (36, []),
        (48, [CvxCodes.Dtap, CvxCodes.Ipv, CvxCodes.Mmr, CvxCodes.Varicella]),
    ];

    /// <summary>
    /// Adds the well-child visits the child has had so far, from the first days of life
    /// (visit "0" is on day 3), each with vital signs and the vaccines due.
    /// </summary>
    public IReadOnlyList<Encounter> WellChildVisits()
    {
        var visits = new List<Encounter>();
        foreach (var (months, vaccines) in WellChildSchedule)
        {
            var daysAgo = months == 0 ? DaysSinceBirth - 3 : DaysAgoAtAgeMonths(months);
            if (daysAgo < 0)
                break;

            var visit = ClinicVisit(daysAgo, SnomedCodes.WellChildVisit);
            foreach (var vaccine in vaccines)
                Immunize(vaccine, daysAgo, visit);

            visits.Add(visit);
        }

        return visits;
    }

    /// <summary>Adds adult check-ups on the given days, each with a seasonal influenza vaccine.</summary>
    public IReadOnlyList<Encounter> AdultCheckUps(params int[] daysAgo)
    {
        var visits = new List<Encounter>();
        foreach (var days in daysAgo)
        {
            var visit = ClinicVisit(days, SnomedCodes.CheckUp);
            Immunize(CvxCodes.Influenza, days, visit);
            visits.Add(visit);
        }

        return visits;
    }
}
