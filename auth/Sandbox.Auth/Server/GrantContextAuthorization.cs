using OpenIddict.Abstractions;
using OpenIddict.Server;
using Sandbox.Auth.Grants;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server;

/// <summary>
/// Creates the ad-hoc authorization behind an authorization code, with the same fields that
/// OpenIddict 7.9's <c>AttachAuthorization</c> handler gives it, and adds the patient and
/// encounter in context as a property (see <see cref="GrantContext"/>). OpenIddict's handler
/// runs next, finds the authorization id on the principal and creates nothing more.
/// </summary>
internal sealed class GrantContextAuthorization(
    IOpenIddictApplicationManager applications,
    IOpenIddictAuthorizationManager authorizations,
    TimeProvider timeProvider) : IOpenIddictServerHandler<ProcessSignInContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
            .AddFilter<OpenIddictServerHandlerFilters.RequireAuthorizationStorageEnabled>()
            .UseScopedHandler<GrantContextAuthorization>()
            .SetOrder(OpenIddictServerHandlers.AttachAuthorization.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ProcessSignInContext context)
    {
        var clientId = context.Request.ClientId;
        if (context.Principal is not { } principal || string.IsNullOrEmpty(clientId))
            return;

        var isNewGrant = context.EndpointType == OpenIddictServerEndpointType.Authorization
            && context.GenerateAuthorizationCode
            && string.IsNullOrEmpty(principal.GetAuthorizationId());
        if (!isNewGrant)
            return;

        // An unknown client fails in OpenIddict's own handler, with its own message.
        var application = await applications.FindByClientIdAsync(clientId, context.CancellationToken);
        if (application is null)
            return;

        var descriptor = new OpenIddictAuthorizationDescriptor
        {
            ApplicationId = await applications.GetIdAsync(application, context.CancellationToken),
            CreationDate = timeProvider.GetUtcNow(),
            Principal = principal,
            Status = Statuses.Valid,
            Subject = principal.GetClaim(Claims.Subject),
            Type = AuthorizationTypes.AdHoc,
        };
        descriptor.Scopes.UnionWith(principal.GetScopes());
        descriptor.Properties[GrantContext.PropertyName] = GrantContext.From(principal).ToProperty();

        var authorization = await authorizations.CreateAsync(descriptor, context.CancellationToken);
        principal.SetAuthorizationId(await authorizations.GetIdAsync(authorization, context.CancellationToken));
    }
}
