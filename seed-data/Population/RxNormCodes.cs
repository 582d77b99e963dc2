namespace Sandbox.SeedData.Population;

/// <summary>RxNorm clinical drugs of the seed population (semantic clinical and branded drug codes).</summary>
internal static class RxNormCodes
{
    public static readonly Concept MetforminExtendedRelease500 = Rx("860975", "24 HR Metformin hydrochloride 500 MG Extended Release Oral Tablet");
    public static readonly Concept InsulinIsophaneRegular = Rx("106892", "insulin isophane, human 70 UNT/ML / insulin, regular, human 30 UNT/ML Injectable Suspension [Humulin]");
    public static readonly Concept Lisinopril10 = Rx("314076", "lisinopril 10 MG Oral Tablet");
    public static readonly Concept Amlodipine5 = Rx("197361", "amlodipine 5 MG Oral Tablet");
    public static readonly Concept Hydrochlorothiazide25 = Rx("310798", "hydrochlorothiazide 25 MG Oral Tablet");
    public static readonly Concept Atorvastatin80 = Rx("259255", "atorvastatin 80 MG Oral Tablet");
    public static readonly Concept Aspirin81 = Rx("243670", "aspirin 81 MG Oral Tablet");
    public static readonly Concept Clopidogrel75 = Rx("309362", "clopidogrel 75 MG Oral Tablet");
    public static readonly Concept Warfarin5 = Rx("855332", "warfarin sodium 5 MG Oral Tablet");
    public static readonly Concept Digoxin0125 = Rx("197604", "digoxin 0.125 MG Oral Tablet");
    public static readonly Concept MetoprololSuccinate100 = Rx("866414", "24 HR metoprolol succinate 100 MG Extended Release Oral Tablet [Toprol]");
    public static readonly Concept Naproxen220 = Rx("849574", "naproxen sodium 220 MG Oral Tablet");
    public static readonly Concept Ibuprofen200 = Rx("310965", "ibuprofen 200 MG Oral Tablet");
    public static readonly Concept Acetaminophen325 = Rx("313782", "acetaminophen 325 MG Oral Tablet");
    public static readonly Concept FerrousSulfate325 = Rx("310325", "ferrous sulfate 325 MG Oral Tablet");
    public static readonly Concept Alendronate10 = Rx("904419", "alendronic acid 10 MG Oral Tablet");
    public static readonly Concept Donepezil10 = Rx("997223", "donepezil hydrochloride 10 MG Oral Tablet");
    public static readonly Concept Prednisone5 = Rx("312617", "prednisone 5 MG Oral Tablet");
    public static readonly Concept Albuterol = Rx("745679", "200 ACTUAT albuterol 0.09 MG/ACTUAT Metered Dose Inhaler");
    public static readonly Concept Fluticasone = Rx("895994", "120 ACTUAT fluticasone propionate 0.044 MG/ACTUAT Metered Dose Inhaler");
    public static readonly Concept FluticasoneSalmeterol = Rx("896209", "60 ACTUAT fluticasone propionate 0.25 MG/ACTUAT / salmeterol 0.05 MG/ACTUAT Dry Powder Inhaler");
    public static readonly Concept Amoxicillin250 = Rx("308182", "amoxicillin 250 MG Oral Capsule");
    public static readonly Concept AmoxicillinClavulanate = Rx("562251", "amoxicillin 250 MG / clavulanate 125 MG Oral Tablet");
    public static readonly Concept Cetirizine5 = Rx("1014676", "cetirizine hydrochloride 5 MG Oral Tablet");
    public static readonly Concept EpinephrineAutoInjector = Rx("1870230", "NDA020800 0.3 ML epinephrine 1 MG/ML Auto-Injector");
    public static readonly Concept Nitroglycerin = Rx("705129", "nitroglycerin 0.4 MG/ACTUAT Mucosal Spray");
    public static readonly Concept Captopril25 = Rx("833036", "captopril 25 MG Oral Tablet");

    private static Concept Rx(string code, string display) => new(Terminology.RxNorm, code, display);
}
