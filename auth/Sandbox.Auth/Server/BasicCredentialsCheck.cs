using System.Buffers.Text;
using System.Text;
using Microsoft.AspNetCore;
using Microsoft.Net.Http.Headers;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server;

/// <summary>
/// Rejects an <c>Authorization: Basic</c> header that is not base64 or has no colon with 401
/// <c>invalid_client</c>, because RFC 6749 section 5.2 treats unusable client credentials as a
/// failed client authentication. OpenIddict 7.9 rejects such a header with 400
/// <c>invalid_request</c>. This handler runs just before OpenIddict reads the header, on the
/// token, introspection and revocation endpoints.
/// </summary>
internal sealed class BasicCredentialsCheck :
    IOpenIddictServerHandler<ExtractTokenRequestContext>,
    IOpenIddictServerHandler<ExtractIntrospectionRequestContext>,
    IOpenIddictServerHandler<ExtractRevocationRequestContext>
{
    private const string BasicPrefix = "Basic ";

    public static OpenIddictServerHandlerDescriptor TokenDescriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ExtractTokenRequestContext>()
            .UseSingletonHandler<BasicCredentialsCheck>()
            .SetOrder(OpenIddictServerAspNetCoreHandlers.ExtractBasicAuthenticationCredentials<ExtractTokenRequestContext>.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public static OpenIddictServerHandlerDescriptor IntrospectionDescriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ExtractIntrospectionRequestContext>()
            .UseSingletonHandler<BasicCredentialsCheck>()
            .SetOrder(OpenIddictServerAspNetCoreHandlers.ExtractBasicAuthenticationCredentials<ExtractIntrospectionRequestContext>.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public static OpenIddictServerHandlerDescriptor RevocationDescriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ExtractRevocationRequestContext>()
            .UseSingletonHandler<BasicCredentialsCheck>()
            .SetOrder(OpenIddictServerAspNetCoreHandlers.ExtractBasicAuthenticationCredentials<ExtractRevocationRequestContext>.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ExtractTokenRequestContext context) => Check(context);

    public ValueTask HandleAsync(ExtractIntrospectionRequestContext context) => Check(context);

    public ValueTask HandleAsync(ExtractRevocationRequestContext context) => Check(context);

    private static ValueTask Check(BaseValidatingContext context)
    {
        var request = context.Transaction.GetHttpRequest();
        var header = request?.Headers[HeaderNames.Authorization].ToString();
        if (header is null || !header.StartsWith(BasicPrefix, StringComparison.OrdinalIgnoreCase))
            return default;

        var reason = FindProblem(header[BasicPrefix.Length..].Trim());
        if (reason is null)
            return default;

        Log.ClientAuthenticationRejected(context.Logger, null, request!.Path, reason);
        context.Reject(Errors.InvalidClient, reason);
        return default;
    }

    // OpenIddict decodes the credentials with Convert.FromBase64String and splits them at the
    // first colon, so the same two conditions decide here.
    private static string? FindProblem(string encoded)
    {
        const string Expected = "send base64(client_id:client_secret), each part form-urlencoded (RFC 6749 section 2.3.1).";
        if (!Base64.IsValid(encoded, out _) || encoded.Length == 0)
            return $"The Authorization header's Basic credentials are not valid base64; {Expected}";

        var decoded = Encoding.ASCII.GetString(Convert.FromBase64String(encoded));
        return decoded.Contains(':')
            ? null
            : $"The Authorization header's Basic credentials have no ':' between client id and secret; {Expected}";
    }
}
