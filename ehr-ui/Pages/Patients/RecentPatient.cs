namespace Sandbox.EhrUi.Pages.Patients;

/// <summary>A patient the user opened recently, with what the list shows without reading the record.</summary>
public sealed record RecentPatient(string Id, string Name, string BirthDate);
