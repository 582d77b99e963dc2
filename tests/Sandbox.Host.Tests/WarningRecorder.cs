using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Sandbox.Host.Tests;

/// <summary>Keeps the category and text of every warning or worse that any logger writes.</summary>
internal sealed class WarningRecorder : ILoggerProvider
{
    public ConcurrentQueue<(string Category, string Message)> Warnings { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Recorder(WarningRecorder owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
                owner.Warnings.Enqueue((category, formatter(state, exception)));
        }
    }
}
