using Microsoft.Extensions.Logging;

namespace Sandbox.FhirStore;

/// <summary>
/// The FHIR store's log messages. Event ids 2000-2099. Resource bodies are never logged, and
/// neither are request values (search and condition values, invalid literals), because they
/// are often patient data: a rejection logs the parameter names and the issue code, and the
/// client gets the full diagnostics under the same trace id. Single-resource writes log at
/// Debug because imports store thousands per second; each Bundle and each imported file logs
/// one Information line.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(2000, LogLevel.Debug, "Stored {ResourceType}/{Id} version {VersionId}")]
    public static partial void ResourceWritten(ILogger logger, string resourceType, string id, int versionId);

    [LoggerMessage(2001, LogLevel.Debug, "Deleted {ResourceType}/{Id} as version {VersionId}")]
    public static partial void ResourceDeleted(ILogger logger, string resourceType, string id, int versionId);

    [LoggerMessage(2002, LogLevel.Information, "Processed a {BundleType} Bundle of {EntryCount} entries")]
    public static partial void BundleProcessed(ILogger logger, string bundleType, int entryCount);

    [LoggerMessage(
        2003,
        LogLevel.Warning,
        "Rejected {Method} {Path} with {StatusCode} {IssueType} at {Expression}, query parameters [{ParameterNames}] (trace {TraceId})")]
    public static partial void RequestRejected(
        ILogger logger,
        string method,
        string path,
        int statusCode,
        string issueType,
        string expression,
        string parameterNames,
        string traceId);

    [LoggerMessage(2004, LogLevel.Error, "Failed {Method} {Path} (trace {TraceId})")]
    public static partial void RequestFailed(
        ILogger logger,
        Exception exception,
        string method,
        string path,
        string traceId);

    [LoggerMessage(2005, LogLevel.Information, "Imported {FileName}: {ResourceCount} resources, {ErrorCount} errors")]
    public static partial void FileImported(ILogger logger, string fileName, int resourceCount, int errorCount);

    [LoggerMessage(2007, LogLevel.Warning, "Rejected batch entry {EntryIndex} with {StatusCode} {IssueType}")]
    public static partial void BatchEntryRejected(ILogger logger, int entryIndex, int statusCode, string issueType);

    [LoggerMessage(2008, LogLevel.Information, "Exported {ResourceCount} resources as {Format}")]
    public static partial void StoreExported(ILogger logger, int resourceCount, string format);

    [LoggerMessage(2006, LogLevel.Error, "Import job {JobId} failed")]
    public static partial void ImportJobFailed(ILogger logger, Exception exception, string jobId);

    [LoggerMessage(2012, LogLevel.Information, "Import job {JobId} cancelled after {ResourceCount} resources and {ErrorCount} errors")]
    public static partial void ImportJobCancelled(ILogger logger, string jobId, int resourceCount, int errorCount);

    [LoggerMessage(2013, LogLevel.Warning, "Rejected import {ImportName} because a store reset is running")]
    public static partial void ImportJobRejectedDuringReset(ILogger logger, string importName);

    [LoggerMessage(2009, LogLevel.Error, "The idle WAL checkpoint of the FHIR store failed. The store tries again one second after its next write")]
    public static partial void IdleCheckpointFailed(ILogger logger, Exception exception);

    [LoggerMessage(2014, LogLevel.Error, "A background WAL checkpoint of the FHIR store failed. The store starts another one after the WAL has grown by the same size again")]
    public static partial void BackgroundCheckpointFailed(ILogger logger, Exception exception);

    [LoggerMessage(2010, LogLevel.Warning, "RSA key pool in {Folder} not refilled; later starts generate their own keys")]
    public static partial void KeyPoolRefillFailed(ILogger logger, Exception exception, string? folder);

    [LoggerMessage(2011, LogLevel.Warning, "Invalid key file {Path} dropped from the RSA key pool")]
    public static partial void KeyPoolFileInvalid(ILogger logger, Exception exception, string path);
}
