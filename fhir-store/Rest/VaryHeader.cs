using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Sandbox.FhirStore.Rest;

/// <summary>Adds request header names to a response's <c>Vary</c> header when the response starts.</summary>
public static class VaryHeader
{
    /// <summary>
    /// Adds <paramref name="name"/> to the <c>Vary</c> header of <paramref name="response"/> when
    /// its headers are sent, after any handler that cleared them, unless <c>Vary</c> already
    /// names it or is <c>*</c>.
    /// </summary>
    public static void AddOnStarting(HttpResponse response, string name) =>
        response.OnStarting(static state =>
        {
            var (response, name) = ((HttpResponse, string))state;
            var varies = response.Headers.Vary.SelectMany(value => (value ?? "").Split(',', StringSplitOptions.TrimEntries));
            if (!varies.Any(value => value == "*" || string.Equals(value, name, StringComparison.OrdinalIgnoreCase)))
                response.Headers.Append(HeaderNames.Vary, name);

            return Task.CompletedTask;
        }, (response, name));
}
