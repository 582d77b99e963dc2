using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Sandbox.Auth.Personas;

/// <summary>
/// The password check of the persona sign-in pages (the EHR's and the authorization server's).
/// After <see cref="MaxFailures"/> wrong passwords in a row, a persona's sign-in is locked for
/// <see cref="LockDuration"/>, so that a script cannot try a password list against a sandbox
/// that others can reach. Counts are kept in memory per persona and end with the process.
/// </summary>
public sealed class PersonaSignInThrottle(TimeProvider timeProvider, ILogger<PersonaSignInThrottle> logger)
{
    /// <summary>The number of wrong passwords in a row that locks a persona's sign-in.</summary>
    public const int MaxFailures = 5;

    /// <summary>How long a persona's sign-in stays locked.</summary>
    public static readonly TimeSpan LockDuration = TimeSpan.FromSeconds(30);

    // Only personas with a password get an entry, so the map is no larger than the persona list.
    private readonly ConcurrentDictionary<string, FailureCount> _failures = new(StringComparer.Ordinal);

    /// <summary>Returns the time left before <paramref name="persona"/> may sign in again, or null when it is not locked.</summary>
    public TimeSpan? LockedFor(Persona persona)
    {
        if (!_failures.TryGetValue(persona.Username, out var count))
            return null;

        lock (count)
        {
            var left = count.LockedUntil - timeProvider.GetUtcNow();
            return left > TimeSpan.Zero ? left : null;
        }
    }

    /// <summary>Returns the message that a sign-in page shows while <paramref name="persona"/> is locked.</summary>
    public static string LockedMessage(Persona persona, TimeSpan left) =>
        $"Sign-in as {persona.DisplayName} is locked for {Math.Ceiling(left.TotalSeconds):0} more seconds after {MaxFailures} wrong passwords in a row. Wait, then enter the password again.";

    /// <summary>
    /// Returns whether <paramref name="password"/> is the persona's password, or whether the
    /// persona has none. A wrong password counts towards the lock and a right one clears the count.
    /// </summary>
    public bool CheckPassword(Persona persona, string? password)
    {
        if (persona.Password is null)
            return true;

        // A constant-time comparison does not reveal through its duration how much of a guess matched.
        var matches = password is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(persona.Password),
            Encoding.UTF8.GetBytes(password));
        if (matches)
        {
            _failures.TryRemove(persona.Username, out _);
            return true;
        }

        var count = _failures.GetOrAdd(persona.Username, _ => new FailureCount());
        lock (count)
        {
            count.Failures++;
            if (count.Failures >= MaxFailures)
            {
                count.Failures = 0;
                count.LockedUntil = timeProvider.GetUtcNow() + LockDuration;
                Log.PersonaSignInLocked(logger, persona.Username, MaxFailures, (int)LockDuration.TotalSeconds);
            }
        }

        return false;
    }

    private sealed class FailureCount
    {
        public int Failures { get; set; }

        public DateTimeOffset LockedUntil { get; set; } = DateTimeOffset.MinValue;
    }
}
