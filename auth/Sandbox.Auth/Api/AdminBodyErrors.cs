using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Sandbox.Auth.Api;

/// <summary>
/// Returns 400 for an admin request whose JSON body could not be bound, with a <c>detail</c>
/// that names the member and what is wrong with it. Minimal APIs throw
/// <see cref="BadHttpRequestException"/> for such a body because
/// <c>RouteHandlerOptions.ThrowOnBadRequest</c> is on. The body is buffered so that it can be
/// parsed again to describe the problem.
/// </summary>
internal sealed class AdminBodyErrors(RequestDelegate next, IOptions<JsonOptions> jsonOptions, ILogger<AdminBodyErrors> logger)
{
    // Bodies past this size are not parsed again, and the serializer's message is used instead.
    private const int MaxDescribedBodyBytes = 1024 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var bodyType = context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        if (bodyType is not null)
            context.Request.EnableBuffering();

        try
        {
            await next(context);
        }
        catch (BadHttpRequestException exception) when (!context.Response.HasStarted)
        {
            var detail = exception.InnerException is JsonException json && bodyType is not null
                ? await DescribeAsync(context, json, bodyType)
                : DescribeWithoutJson(context, exception);
            Log.AdminBodyRejected(logger, context.Request.Method, context.Request.Path, exception.StatusCode, detail);
            await AdminErrorPages.WriteAsync(context, exception.StatusCode, detail);
        }
    }

    private async Task<string> DescribeAsync(HttpContext context, JsonException exception, Type bodyType)
    {
        var body = context.Request.Body;
        if (!body.CanSeek || body.Length > MaxDescribedBodyBytes)
            return $"The body could not be read at '{exception.Path}': {exception.Message}";

        body.Position = 0;
        using var copy = new MemoryStream();
        await body.CopyToAsync(copy, context.RequestAborted);
        var typeInfo = jsonOptions.Value.SerializerOptions.GetTypeInfo(bodyType);
        return JsonBodyProblem.Describe(exception, copy.ToArray(), typeInfo);
    }

    // Minimal APIs also throw for a missing body (400) and a body that is not JSON (415).
    private static string DescribeWithoutJson(HttpContext context, BadHttpRequestException exception) =>
        exception.StatusCode == StatusCodes.Status400BadRequest && context.Request.ContentLength is 0 or null
            ? "The request has no body: send one JSON object with the members that /openapi/v1.json documents."
            : AdminErrorPages.Describe(context, exception.StatusCode);
}
