using Microsoft.Extensions.Logging;

namespace Sandbox.SeedData;

/// <summary>Log messages of the seed module, event ids 5000-5099.</summary>
internal static partial class Log
{
    [LoggerMessage(5001, LogLevel.Information, "Seed {Source} loaded: {ResourceCount} resources in {ElapsedMilliseconds} ms")]
    public static partial void SeedLoaded(ILogger logger, string source, int resourceCount, long elapsedMilliseconds);

    [LoggerMessage(5002, LogLevel.Information, "Seed {Source} not loaded because the store already holds data")]
    public static partial void StoreNotEmpty(ILogger logger, string source);

    [LoggerMessage(5003, LogLevel.Information, "Seed is 'empty': the store starts with no resources")]
    public static partial void EmptySeed(ILogger logger);

    [LoggerMessage(5004, LogLevel.Warning, "No FHIR store is registered, so the seed was not loaded")]
    public static partial void NoStore(ILogger logger);

    [LoggerMessage(5007, LogLevel.Error, "Seed {Source} failed to load")]
    public static partial void SeedFailed(ILogger logger, string source, Exception exception);

    [LoggerMessage(5008, LogLevel.Information, "Seed app credentials are in {Folder}")]
    public static partial void CredentialsReady(ILogger logger, string folder);

    [LoggerMessage(5010, LogLevel.Information, "Seed apps registered: {AppCount} apps, sample app on {Origins}")]
    public static partial void SeedAppsRegistered(ILogger logger, int appCount, string origins);

    [LoggerMessage(5011, LogLevel.Information, "Seed personas added: {PersonaCount}")]
    public static partial void PersonasAdded(ILogger logger, int personaCount);

    [LoggerMessage(5012, LogLevel.Information, "Seed personas not added because Sandbox:Seed is {Source}, not the generated population")]
    public static partial void PersonasSkipped(ILogger logger, string source);

    [LoggerMessage(5013, LogLevel.Warning, "Seed apps not registered: the server reports no HTTP address to build the sample app's redirect URIs from")]
    public static partial void NoOrigins(ILogger logger);

    [LoggerMessage(5014, LogLevel.Information, "Store reset to {Source} with {ResourceCount} resources in {ElapsedMilliseconds} ms", EventName = "StoreReset")]
    public static partial void StoreReset(ILogger logger, string source, int resourceCount, long elapsedMilliseconds);

    [LoggerMessage(5015, LogLevel.Information, "Seed snapshot written to {Path}: {ResourceCount} resources in {ElapsedMilliseconds} ms", EventName = "SeedSnapshotWritten")]
    public static partial void SeedSnapshotWritten(ILogger logger, string path, int resourceCount, long elapsedMilliseconds);

    [LoggerMessage(5016, LogLevel.Warning, "Seed snapshot cache in {Folder} not used, so the seed is written resource by resource; set Sandbox:SeedCacheFolder to a writable folder or Sandbox:SeedCache to false", EventName = "SeedSnapshotUnavailable")]
    public static partial void SeedSnapshotUnavailable(ILogger logger, string folder, Exception exception);

    [LoggerMessage(5017, LogLevel.Warning, "Seed snapshot {Path} could not be copied into the store, so it is deleted and the seed is written resource by resource", EventName = "SeedSnapshotMismatch")]
    public static partial void SeedSnapshotMismatch(ILogger logger, string path, Exception exception);

    [LoggerMessage(5018, LogLevel.Warning, "Seed file {File}: {ErrorCount} resources failed to import, the first because: {FirstError}", EventName = "SeedFileErrors")]
    public static partial void SeedFileErrors(ILogger logger, string file, int errorCount, string firstError);

    [LoggerMessage(5019, LogLevel.Warning, "Seed folder {Source}: an earlier import did not finish, so the store is emptied and the folder imported again")]
    public static partial void UnfinishedSeedImport(ILogger logger, string source);

    [LoggerMessage(5020, LogLevel.Warning, "The data folder contains an unfinished seed folder import; start with that folder as the seed to import it again, or reset the store with POST /api/reset")]
    public static partial void UnfinishedSeedImportKept(ILogger logger);

    [LoggerMessage(5021, LogLevel.Information, "Cancelled {JobCount} running import jobs before a store reset: {JobIds}")]
    public static partial void ImportJobsCancelledByReset(ILogger logger, int jobCount, string jobIds);

    [LoggerMessage(5099, LogLevel.Information, "Seed personas matched to the reset store: {AddedCount} added, {RemovedCount} removed because their fhirUser resource is gone ({RemovedUsernames})", EventName = "SeedPersonasSynced")]
    public static partial void SeedPersonasSynced(ILogger logger, int addedCount, int removedCount, string removedUsernames);
}
