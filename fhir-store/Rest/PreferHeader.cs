using Microsoft.AspNetCore.Http;

namespace Sandbox.FhirStore.Rest;

/// <summary>The parts of the <c>Prefer</c> header that FHIR defines.</summary>
/// <param name="Return">The value of <c>return=</c>: minimal, representation (the default) or OperationOutcome.</param>
/// <param name="IsStrict">True for <c>handling=strict</c>.</param>
internal sealed record PreferHeader(string Return, bool IsStrict)
{
    public const string Minimal = "minimal";
    public const string Representation = "representation";
    public const string OperationOutcome = "OperationOutcome";

    public static PreferHeader Parse(HttpRequest request)
    {
        var result = Representation;
        var isStrict = false;
        foreach (var header in request.Headers["Prefer"])
        {
            foreach (var part in (header ?? string.Empty).Split([',', ';'], StringSplitOptions.TrimEntries))
            {
                if (part.StartsWith("return=", StringComparison.OrdinalIgnoreCase))
                    result = NormalizeReturn(part["return=".Length..].Trim('"'));
                else if (part.Equals("handling=strict", StringComparison.OrdinalIgnoreCase))
                    isStrict = true;
            }
        }

        return new PreferHeader(result, isStrict);
    }

    private static string NormalizeReturn(string value) => value.ToLowerInvariant() switch
    {
        "minimal" => Minimal,
        "operationoutcome" => OperationOutcome,
        _ => Representation,
    };
}
