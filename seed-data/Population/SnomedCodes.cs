namespace Sandbox.SeedData.Population;

/// <summary>SNOMED CT concepts of the seed population: disorders, findings, procedures and encounter types.</summary>
internal static class SnomedCodes
{
    // Disorders and findings.
    public static readonly Concept Type2Diabetes = Sct("44054006", "Diabetes mellitus type 2");
    public static readonly Concept Prediabetes = Sct("15777000", "Prediabetes");
    public static readonly Concept Hypertension = Sct("38341003", "Hypertensive disorder, systemic arterial");
    public static readonly Concept EssentialHypertension = Sct("59621000", "Essential hypertension");
    public static readonly Concept Hyperlipidemia = Sct("55822004", "Hyperlipidemia");
    public static readonly Concept Obesity = Sct("162864005", "Body mass index 30+ - obesity");
    public static readonly Concept ChronicKidneyDisease1 = Sct("431855005", "Chronic kidney disease stage 1");
    public static readonly Concept AtrialFibrillation = Sct("49436004", "Atrial fibrillation");
    public static readonly Concept ChronicHeartFailure = Sct("88805009", "Chronic congestive heart failure");
    public static readonly Concept CoronaryHeartDisease = Sct("53741008", "Coronary arteriosclerosis");
    public static readonly Concept MyocardialInfarction = Sct("22298006", "Myocardial infarction");
    public static readonly Concept Stroke = Sct("230690007", "Cerebrovascular accident");
    public static readonly Concept Asthma = Sct("195967001", "Asthma");
    public static readonly Concept ChildhoodAsthma = Sct("233678006", "Childhood asthma");
    public static readonly Concept Copd = Sct("13645005", "Chronic obstructive lung disease");
    public static readonly Concept Anemia = Sct("271737000", "Anemia");
    public static readonly Concept Hypothyroidism = Sct("40930008", "Hypothyroidism");
    public static readonly Concept Alzheimers = Sct("26929004", "Alzheimer's disease");
    public static readonly Concept OsteoarthritisOfHip = Sct("239872002", "Osteoarthritis of hip");
    public static readonly Concept OsteoarthritisOfHand = Sct("201834006", "Localized, primary osteoarthritis of the hand");
    public static readonly Concept Epilepsy = Sct("84757009", "Epilepsy");
    public static readonly Concept NormalPregnancy = Sct("72892002", "Normal pregnancy");
    public static readonly Concept ViralSinusitis = Sct("444814009", "Viral sinusitis");
    public static readonly Concept ViralPharyngitis = Sct("195662009", "Acute viral pharyngitis");
    public static readonly Concept AcuteBronchitis = Sct("10509002", "Acute bronchitis");
    public static readonly Concept OtitisMedia = Sct("65363002", "Otitis media");
    public static readonly Concept Appendicitis = Sct("74400008", "Appendicitis");
    public static readonly Concept SprainOfAnkle = Sct("44465007", "Sprain of ankle");
    public static readonly Concept Concussion = Sct("62106007", "Concussion with no loss of consciousness");
    public static readonly Concept Osteoporosis = Sct("64859006", "Osteoporosis");
    public static readonly Concept BreastCancer = Sct("254837009", "Malignant neoplasm of breast");

    // Allergies and reactions.
    public static readonly Concept PenicillinAllergy = Sct("91936005", "Allergy to penicillin");
    public static readonly Concept PeanutAllergy = Sct("91935009", "Allergy to peanuts");
    public static readonly Concept LatexAllergy = Sct("300916003", "Latex allergy");
    public static readonly Concept DanderAllergy = Sct("232347008", "Dander (animal) allergy");
    public static readonly Concept HouseDustMiteAllergy = Sct("232350006", "House dust mite allergy");
    public static readonly Concept GrassPollenAllergy = Sct("418689008", "Allergy to grass pollen");
    public static readonly Concept ShellfishAllergy = Sct("300913006", "Shellfish allergy");
    public static readonly Concept Hives = Sct("247472004", "Wheal");
    public static readonly Concept SkinEruption = Sct("271807003", "Eruption of skin");
    public static readonly Concept Anaphylaxis = Sct("39579001", "Anaphylaxis");
    public static readonly Concept Rhinitis = Sct("70076002", "Rhinitis");
    public static readonly Concept Dyspnea = Sct("267036007", "Dyspnea");

    // Encounter types.
    public static readonly Concept CheckUp = Sct("185349003", "Encounter for check up");
    public static readonly Concept EncounterForSymptom = Sct("185345009", "Encounter for symptom");
    public static readonly Concept EncounterForProblem = Sct("185347001", "Encounter for problem");
    public static readonly Concept FollowUp = Sct("390906007", "Follow-up encounter");
    public static readonly Concept WellChildVisit = Sct("410620009", "Well child visit");
    public static readonly Concept PrenatalVisit = Sct("424619006", "Prenatal visit");
    public static readonly Concept EmergencyRoomAdmission = Sct("50849002", "Emergency room admission");
    public static readonly Concept EmergencyHospitalAdmission = Sct("183452005", "Emergency hospital admission");

    // Procedures.
    public static readonly Concept Appendectomy = Sct("80146002", "Appendectomy");
    public static readonly Concept MedicationReconciliation = Sct("430193006", "Medication reconciliation");
    public static readonly Concept DepressionScreening = Sct("171207006", "Depression screening");
    public static readonly Concept Colonoscopy = Sct("73761001", "Colonoscopy");
    public static readonly Concept Spirometry = Sct("127783003", "Spirometry");
    public static readonly Concept Electrocardiogram = Sct("29303009", "Electrocardiographic procedure");
    public static readonly Concept ChestXray = Sct("399208008", "Plain chest X-ray");
    public static readonly Concept BoneImmobilization = Sct("274474001", "Bone immobilization");
    public static readonly Concept TransthoracicEchocardiography = Sct("433236007", "Transthoracic echocardiography");
    public static readonly Concept Childbirth = Sct("66348005", "Childbirth");
    public static readonly Concept FetalHeartAuscultation = Sct("225158009", "Auscultation of the fetal heart");

    // Routes and specialties.
    public static readonly Concept OralRoute = Sct("26643006", "Oral route");
    public static readonly Concept InhalationRoute = Sct("447694001", "Respiratory tract route");
    public static readonly Concept SubcutaneousRoute = Sct("34206005", "Subcutaneous route");
    public static readonly Concept IntramuscularRoute = Sct("78421000", "Intramuscular route");
    public static readonly Concept GeneralMedicine = Sct("394802001", "General medicine");
    public static readonly Concept Pediatrics = Sct("394537008", "Pediatric specialty");
    public static readonly Concept EmergencyMedicine = Sct("773568002", "Emergency medicine");
    public static readonly Concept GeneralSurgery = Sct("394609007", "General surgery");
    public static readonly Concept FamilyPractice = Sct("419772000", "Family practice");

    private static Concept Sct(string code, string display) => new(Terminology.Snomed, code, display);
}
