namespace Sandbox.SeedData.Population;

/// <summary>CDC CVX vaccine codes of the seed population.</summary>
internal static class CvxCodes
{
    public static readonly Concept HepatitisBPediatric = Cvx("08", "Hep B, adolescent or pediatric");
    public static readonly Concept Dtap = Cvx("20", "DTaP");
    public static readonly Concept Ipv = Cvx("10", "IPV");
    public static readonly Concept HibPrpOmp = Cvx("49", "Hib (PRP-OMP)");
    public static readonly Concept Pcv13 = Cvx("133", "Pneumococcal conjugate PCV 13");
    public static readonly Concept RotavirusMonovalent = Cvx("119", "rotavirus, monovalent");
    public static readonly Concept Mmr = Cvx("03", "MMR");
    public static readonly Concept Varicella = Cvx("21", "varicella");
    public static readonly Concept HepatitisAPediatric = Cvx("83", "Hep A, ped/adol, 2 dose");
    public static readonly Concept Tdap = Cvx("115", "Tdap");
    public static readonly Concept HpvQuadrivalent = Cvx("62", "HPV, quadrivalent");
    public static readonly Concept MeningococcalMcv4p = Cvx("114", "meningococcal MCV4P");
    public static readonly Concept TdAdult = Cvx("113", "Td (adult) preservative free");
    public static readonly Concept Influenza = Cvx("140", "Influenza, seasonal, injectable, preservative free");
    public static readonly Concept Ppsv23 = Cvx("33", "pneumococcal polysaccharide vaccine, 23 valent");
    public static readonly Concept Zoster = Cvx("121", "zoster");

    private static Concept Cvx(string code, string display) => new(Terminology.Cvx, code, display);
}
