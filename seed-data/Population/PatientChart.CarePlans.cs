using System.Text;
using Hl7.Fhir.Model;

namespace Sandbox.SeedData.Population;

internal sealed partial class PatientChart
{
    private static readonly Concept InProgress = new(Terminology.GoalAchievement, "in-progress", "In Progress");

    /// <summary>Adds a measurable goal for a chronic condition, due some days after the reference date.</summary>
    public Goal Goal(Condition addresses, string description, LabTest measure, decimal target, int startedDaysAgo, int dueInDays)
    {
        var goal = new Goal
        {
            LifecycleStatus = Hl7.Fhir.Model.Goal.GoalLifecycleStatus.Active,
            AchievementStatus = InProgress.ToCodeableConcept(),
            Description = new CodeableConcept { Text = description },
            Subject = Subject,
            Start = Calendar.Date(startedDaysAgo),
            Target =
            [
                new Goal.TargetComponent
                {
                    Measure = measure.Code.ToCodeableConcept(),
                    Detail = new Hl7.Fhir.Model.Range { High = Simple(target, measure) },
                    Due = Calendar.Date(-dueInDays),
                },
            ],
            ExpressedBy = Staff.Reference(Profile.GeneralPractitionerId),
            Addresses = [References.To(addresses)],
        };
        return Add("goal", goal);
    }

    /// <summary>Adds an active care plan for a chronic condition, with its goals and planned activities.</summary>
    public CarePlan CarePlan(Condition addresses, string title, int startedDaysAgo, IReadOnlyList<Goal> goals, params string[] activities)
    {
        var plan = new CarePlan
        {
            Status = RequestStatus.Active,
            Intent = Hl7.Fhir.Model.CarePlan.CarePlanIntent.Plan,
            Title = title,
            Subject = Subject,
            Period = new Period { Start = Calendar.DateTime(startedDaysAgo).Value },
            Created = Calendar.DateTime(startedDaysAgo).Value,
            Author = Staff.Reference(Profile.GeneralPractitionerId),
            Addresses = [References.To(addresses)],
            Goal = [.. goals.Select(goal => References.To(goal))],
            Activity = [.. activities.Select(Activity)],
        };
        return Add("cp", plan);
    }

    /// <summary>Adds a short plain-text clinical note written at an encounter.</summary>
    public DocumentReference Note(Encounter encounter, Concept type, string title, string text)
    {
        var note = new DocumentReference
        {
            Status = DocumentReferenceStatus.Current,
            DocStatus = CompositionStatus.Final,
            Type = type.ToCodeableConcept(),
            Subject = Subject,
            Date = Calendar.Instant(DaysAgoOf(encounter), 17, 30).Value,
            Author = [Staff.Reference(PractitionerOf(encounter))],
            Description = title,
            Content =
            [
                new DocumentReference.ContentComponent
                {
                    Attachment = new Attachment
                    {
                        ContentType = "text/plain; charset=utf-8",
                        Language = "en",
                        Data = Encoding.UTF8.GetBytes(text),
                        Title = title,
                    },
                },
            ],
            Context = new DocumentReference.ContextComponent
            {
                Encounter = [References.To(encounter)],
                Period = CopyPeriod(encounter),
            },
        };
        return Add("doc", note);
    }

    private static CarePlan.ActivityComponent Activity(string description) => new()
    {
        Detail = new CarePlan.DetailComponent
        {
            Status = Hl7.Fhir.Model.CarePlan.CarePlanActivityStatus.InProgress,
            Description = description,
        },
    };
}
