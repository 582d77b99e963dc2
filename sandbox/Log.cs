namespace Sandbox.Host;

/// <summary>The host's log messages, event ids 7000 to 7099.</summary>
internal static partial class Log
{
    [LoggerMessage(7000, LogLevel.Warning, "The start-up warm-up failed, so the first requests compile their code themselves", EventName = "WarmUpFailed")]
    public static partial void WarmUpFailed(ILogger logger, Exception exception);

    [LoggerMessage(7001, LogLevel.Warning, "The start-up warm-up request GET {Path} answered {StatusCode} instead of 200", EventName = "WarmUpRequestFailed")]
    public static partial void WarmUpRequestFailed(ILogger logger, string path, int statusCode);

    [LoggerMessage(7002, LogLevel.Warning, "Request for host name {HostName} on {Path} rejected: the name is not allowed (trace {TraceId})", EventName = "HostNameRejected")]
    public static partial void HostNameRejected(ILogger logger, string hostName, string path, string traceId);
}
