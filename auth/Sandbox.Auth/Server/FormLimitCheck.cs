using System.Globalization;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server;

/// <summary>
/// Reads the form of a POST to the authorize, token, introspection and revocation endpoints
/// before OpenIddict does, and rejects a form over ASP.NET Core's limits with
/// <c>invalid_request</c> (RFC 6749 section 5.2). OpenIddict 7.9 reads the form without
/// catching the <see cref="InvalidDataException"/> that the form reader throws for too many
/// fields or too long a name or value, so the client got HTTP 500 with an empty body.
/// </summary>
/// <remarks>A form that passes is cached on the request, so OpenIddict does not read the body again.</remarks>
internal sealed class FormLimitCheck :
    IOpenIddictServerHandler<ExtractAuthorizationRequestContext>,
    IOpenIddictServerHandler<ExtractTokenRequestContext>,
    IOpenIddictServerHandler<ExtractIntrospectionRequestContext>,
    IOpenIddictServerHandler<ExtractRevocationRequestContext>
{
    // The limits the form reader applies when no endpoint sets its own.
    private static readonly FormOptions Limits = new();

    public static OpenIddictServerHandlerDescriptor AuthorizationDescriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ExtractAuthorizationRequestContext>()
            .UseSingletonHandler<FormLimitCheck>()
            .SetOrder(OpenIddictServerAspNetCoreHandlers.ExtractGetOrPostRequest<ExtractAuthorizationRequestContext>.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public static OpenIddictServerHandlerDescriptor TokenDescriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ExtractTokenRequestContext>()
            .UseSingletonHandler<FormLimitCheck>()
            .SetOrder(OpenIddictServerAspNetCoreHandlers.ExtractPostRequest<ExtractTokenRequestContext>.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public static OpenIddictServerHandlerDescriptor IntrospectionDescriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ExtractIntrospectionRequestContext>()
            .UseSingletonHandler<FormLimitCheck>()
            .SetOrder(OpenIddictServerAspNetCoreHandlers.ExtractGetOrPostRequest<ExtractIntrospectionRequestContext>.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public static OpenIddictServerHandlerDescriptor RevocationDescriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ExtractRevocationRequestContext>()
            .UseSingletonHandler<FormLimitCheck>()
            .SetOrder(OpenIddictServerAspNetCoreHandlers.ExtractPostRequest<ExtractRevocationRequestContext>.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ExtractAuthorizationRequestContext context) => CheckAsync(context);

    public ValueTask HandleAsync(ExtractTokenRequestContext context) => CheckAsync(context);

    public ValueTask HandleAsync(ExtractIntrospectionRequestContext context) => CheckAsync(context);

    public ValueTask HandleAsync(ExtractRevocationRequestContext context) => CheckAsync(context);

    private static async ValueTask CheckAsync(BaseValidatingContext context)
    {
        var request = context.Transaction.GetHttpRequest();
        if (request is null || !HttpMethods.IsPost(request.Method) || !request.HasFormContentType)
            return;

        try
        {
            await request.ReadFormAsync(context.CancellationToken);
        }
        catch (InvalidDataException exception)
        {
            Log.FormRejected(context.Logger, request.Path, exception.Message);
            context.Reject(Errors.InvalidRequest, DescribeInvalidForm(exception));
        }
        catch (BadHttpRequestException exception)
        {
            Log.FormRejected(context.Logger, request.Path, exception.Message);
            context.Reject(Errors.InvalidRequest, $"The request body could not be read: {exception.Message}");
        }
    }

    /// <summary>
    /// Returns the <c>error_description</c> for a form that the form reader rejected: one over
    /// its limits, or one with a character that the URL decoder rejects.
    /// </summary>
    internal static string DescribeInvalidForm(InvalidDataException exception) =>
        // ASP.NET Core 10's form reader wraps the URL decoder's InvalidOperationException, which
        // it throws for a percent-encoded NUL, and throws without an inner exception for a limit.
        exception.InnerException is InvalidOperationException
            ? "The form body contains a character that the server does not accept, such as a percent-encoded NUL (%00). "
                + "Remove it from the parameter names and values."
            : DescribeLimits();

    private static string DescribeLimits() => string.Format(
        CultureInfo.InvariantCulture,
        "The form body exceeds a limit of the server: at most {0:N0} parameters, names of at most {1:N0} characters "
            + "and values of at most {2:N0} characters. Shorten the value or name that is too long, or send fewer parameters.",
        Limits.ValueCountLimit,
        Limits.KeyLengthLimit,
        Limits.ValueLengthLimit);
}
