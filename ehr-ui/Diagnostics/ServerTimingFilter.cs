using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Sandbox.EhrUi.Diagnostics;

/// <summary>
/// Adds <c>Server-Timing: page;dur=…</c> to every EHR page: the milliseconds from the start of
/// model binding to the moment the response headers are sent.
/// </summary>
/// <remarks>
/// Razor Pages sends the headers when its output buffer first flushes, which for most pages is
/// after rendering, so the figure covers the handler and the rendering of all but the tail of
/// a large page. Browsers show it in their network panel, and the page benchmark reads it.
/// </remarks>
public sealed class ServerTimingFilter : IAsyncResourceFilter
{
    /// <summary>The metric name in the header.</summary>
    public const string MetricName = "page";

    public Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        var started = Stopwatch.GetTimestamp();
        var response = context.HttpContext.Response;
        response.OnStarting(() =>
        {
            var milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            response.Headers.Append("Server-Timing", $"{MetricName};dur={milliseconds.ToString("0.0", CultureInfo.InvariantCulture)}");
            return Task.CompletedTask;
        });
        return next();
    }
}
