using Microsoft.Extensions.Logging;

namespace Sandbox.EhrUi;

/// <summary>The log messages of the fake EHR, event ids 6000 to 6099.</summary>
internal static partial class Log
{
    [LoggerMessage(
        EventId = 6000,
        EventName = "SearchRejected",
        Level = LogLevel.Warning,
        Message = "The store rejected the search of EHR page {Page}: {Reason}")]
    public static partial void SearchRejected(ILogger logger, string page, string reason);

    [LoggerMessage(
        EventId = 6001,
        EventName = "EncounterNotInChart",
        Level = LogLevel.Warning,
        Message = "Encounter {EncounterId} was chosen in the chart of Patient {PatientId} but is not one of that patient's encounters")]
    public static partial void EncounterNotInChart(ILogger logger, string encounterId, string patientId);

    [LoggerMessage(
        EventId = 6002,
        EventName = "RecentPatientsCookieInvalid",
        Level = LogLevel.Debug,
        Message = "The recent-patients cookie could not be read and was ignored")]
    public static partial void RecentPatientsCookieInvalid(ILogger logger, Exception exception);

    [LoggerMessage(
        EventId = 6003,
        EventName = "LaunchCreated",
        Level = LogLevel.Information,
        Message = "The EHR created launch {LaunchId} of app {ClientId} for user {Username}")]
    public static partial void LaunchCreated(ILogger logger, string launchId, string clientId, string username);

    [LoggerMessage(
        EventId = 6004,
        EventName = "AppFormRejected",
        Level = LogLevel.Warning,
        Message = "The app registration form for {ClientId} was rejected: {Reason}")]
    public static partial void AppFormRejected(ILogger logger, string? clientId, string reason);

    [LoggerMessage(
        EventId = 6005,
        EventName = "ChosenEncounterCookieInvalid",
        Level = LogLevel.Debug,
        Message = "The chosen-encounter cookie could not be read and was ignored")]
    public static partial void ChosenEncounterCookieInvalid(ILogger logger, Exception exception);

    [LoggerMessage(
        EventId = 6006,
        EventName = "ChosenEncounterGone",
        Level = LogLevel.Information,
        Message = "Encounter {EncounterId} chosen earlier in the chart of Patient {PatientId} no longer exists there and was removed from the chosen-encounter cookie")]
    public static partial void ChosenEncounterGone(ILogger logger, string encounterId, string patientId);
}
