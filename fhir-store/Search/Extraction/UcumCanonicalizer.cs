using System.Collections.Concurrent;
using System.Globalization;
using Fhir.Metrics;

namespace Sandbox.FhirStore.Search.Extraction;

/// <summary>
/// Converts UCUM quantities to their canonical unit (base units without prefixes, such as
/// <c>g</c> for <c>kg</c> and <c>s</c> for <c>h</c>) with Firely's Fhir.Metrics, so that
/// quantity searches compare values across units. A unit converts by one factor, so the
/// factor of each unit code is computed once and cached.
/// </summary>
/// <remarks>
/// Fhir.Metrics 1.4 rejects the UCUM units with an offset or a scale function (<c>Cel</c>,
/// <c>[degF]</c>, <c>[pH]</c>), so those quantities are compared in their stored unit only.
/// </remarks>
internal static class UcumCanonicalizer
{
    /// <summary>The UCUM code system URI that a quantity's <c>system</c> carries.</summary>
    public const string System = "http://unitsofmeasure.org";

    // Bounds the cache, because unit codes come from client data.
    private const int MaxCachedUnits = 4096;

    private static readonly ConcurrentDictionary<string, CanonicalUnit?> Units = new(StringComparer.Ordinal);

    // A bulk write extracts index entries on several threads, and the thread safety of
    // Fhir.Metrics 1.4's conversions was not checked, so conversions run one at a time. Each
    // unit code is converted once and then read from the cache without the lock.
    private static readonly Lock ConvertLock = new();

    /// <summary>
    /// Loads Fhir.Metrics' unit system now instead of on the first quantity. It parses the UCUM
    /// definitions and compiles their conversions as expression trees, which took 170 to 190 ms
    /// of CPU in a ReadyToRun build on a loaded 2-core machine.
    /// </summary>
    public static void EnsureLoaded() => TryGetUnit(System, "mg", out _);

    /// <summary>Returns the canonical unit code and the factor that converts a value in <paramref name="code"/> to it.</summary>
    public static bool TryGetUnit(string? system, string? code, out CanonicalUnit unit)
    {
        unit = default;
        if (system != System || string.IsNullOrEmpty(code))
            return false;

        if (!Units.TryGetValue(code, out var cached))
        {
            lock (ConvertLock)
            {
                if (!Units.TryGetValue(code, out cached))
                {
                    cached = Convert(code);
                    if (Units.Count < MaxCachedUnits)
                        Units.TryAdd(code, cached);
                }
            }
        }

        if (cached is null)
            return false;

        unit = cached.Value;
        return true;
    }

    private static CanonicalUnit? Convert(string code)
    {
        (string value, string unit, string codesystem)? canonical;
        try
        {
            if (!FhirMetricService.Instance.Value.TryCanonicalize(("1", code, System), out canonical) || canonical is null)
                return null;
        }
        catch (ArithmeticException)
        {
            // Fhir.Metrics 1.4 overflows on exponents such as 10*999 instead of rejecting them.
            return null;
        }

        if (!double.TryParse(canonical.Value.value, NumberStyles.Float, CultureInfo.InvariantCulture, out var factor) || factor <= 0)
            return null;

        // Fhir.Metrics writes a dimensionless unit as "" for % and as "1" for 1; both are unity.
        var unit = string.IsNullOrEmpty(canonical.Value.unit) ? "1" : canonical.Value.unit;
        return new CanonicalUnit(unit, factor);
    }
}

/// <summary>A canonical UCUM unit code and the factor from the original unit to it.</summary>
internal readonly record struct CanonicalUnit(string Code, double Factor);
