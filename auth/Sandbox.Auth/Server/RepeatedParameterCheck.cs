using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server;

/// <summary>
/// Rejects an authorization or token request that repeats a parameter, with
/// <c>invalid_request</c> naming it, as RFC 6749 sections 3.1 and 3.2 require. OpenIddict 7.9
/// accepts the request and keeps the values as an array. Its typed properties such as
/// <c>State</c> then read null, and <c>GetParameter(name).ToString()</c> joins the values with ", ".
/// </summary>
internal sealed class RepeatedParameterCheck :
    IOpenIddictServerHandler<ValidateAuthorizationRequestContext>,
    IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    // Runs before loose-mode registration, so a repeated client_id registers no app.
    public static OpenIddictServerHandlerDescriptor AuthorizationDescriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateAuthorizationRequestContext>()
            .UseSingletonHandler<RepeatedParameterCheck>()
            .SetOrder(OpenIddictServerHandlers.Authentication.ValidateRequestParameter.Descriptor.Order - 2_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    // Runs before client authentication, so a repeated client_assertion is not validated.
    public static OpenIddictServerHandlerDescriptor TokenDescriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenRequestContext>()
            .UseSingletonHandler<RepeatedParameterCheck>()
            .SetOrder(OpenIddictServerHandlers.Exchange.ValidateGrantType.Descriptor.Order - 2_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ValidateAuthorizationRequestContext context)
    {
        var repeated = FindRepeated(context.Request);
        if (repeated is null)
            return default;

        // The state has no single value to send back, so the error redirect carries none.
        if (repeated.Value.Name == Parameters.State)
            context.Request.RemoveParameter(Parameters.State);

        Log.AuthorizeRejected(context.Logger, context.Request.ClientId, Errors.InvalidRequest, Describe(repeated.Value));
        context.Reject(Errors.InvalidRequest, Describe(repeated.Value));
        return default;
    }

    public ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        var repeated = FindRepeated(context.Request);
        if (repeated is null)
            return default;

        Log.TokenRequestRejected(context.Logger, context.Request.ClientId, Errors.InvalidRequest, Describe(repeated.Value));
        context.Reject(Errors.InvalidRequest, Describe(repeated.Value));
        return default;
    }

    /// <summary>Returns the number of values a request parameter has; 1 for a single value, 0 when it is absent.</summary>
    public static int CountValues(OpenIddictRequest request, string name)
    {
        if (request.GetParameter(name) is not { } parameter)
            return 0;

        return Math.Max(parameter.Count, 1);
    }

    /// <summary>Returns the message for a parameter sent <paramref name="count"/> times.</summary>
    public static string Describe(string name, int count) =>
        $"The parameter '{name}' appears more than once ({count} times). RFC 6749 allows each request parameter only once, so send '{name}' once.";

    private static string Describe((string Name, int Count) repeated) => Describe(repeated.Name, repeated.Count);

    // RFC 8707 section 2 allows several resource parameters, and OpenIddict reads them all.
    private static (string Name, int Count)? FindRepeated(OpenIddictRequest request)
    {
        foreach (var (name, parameter) in request.GetParameters())
        {
            if (parameter.Count > 1 && name != Parameters.Resource)
                return (name, parameter.Count);
        }

        return null;
    }
}
