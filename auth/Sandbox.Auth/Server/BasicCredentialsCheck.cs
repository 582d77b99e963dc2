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
/// Rejects an <c>Authorization: Basic</c> header whose credentials are missing, are not base64
/// or have no client id before a colon. RFC 6749 section 5.2 treats unusable client credentials
/// as a failed client authentication, so the response is 401 <c>invalid_client</c>.
/// OpenIddict 7.9 ignores a header of the scheme name alone and rejects the others with 400
/// <c>invalid_request</c> or a generic message. This handler runs just before OpenIddict reads
/// the header, on the token, introspection and revocation endpoints.
/// </summary>
internal sealed class BasicCredentialsCheck :
    IOpenIddictServerHandler<ExtractTokenRequestContext>,
    IOpenIddictServerHandler<ExtractIntrospectionRequestContext>,
    IOpenIddictServerHandler<ExtractRevocationRequestContext>
{
    private const string BasicScheme = "Basic";

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
        if (header is null || !IsBasicScheme(header))
            return default;

        var reason = FindProblem(header[BasicScheme.Length..].Trim());
        if (reason is null)
            return default;

        Log.ClientAuthenticationRejected(context.Logger, null, request!.Path, reason);
        context.Reject(Errors.InvalidClient, reason);
        return default;
    }

    // A header of the scheme name alone has no space after it, so "Basic" matches as well.
    private static bool IsBasicScheme(string header) =>
        header.StartsWith(BasicScheme, StringComparison.OrdinalIgnoreCase)
        && (header.Length == BasicScheme.Length || header[BasicScheme.Length] == ' ');

    // OpenIddict decodes the credentials with Convert.FromBase64String and splits them at the
    // first colon, so the same conditions decide here.
    private static string? FindProblem(string encoded)
    {
        const string Expected = "send base64(client_id:client_secret), each part form-urlencoded (RFC 6749 section 2.3.1).";
        if (encoded.Length == 0)
            return $"The Authorization header's Basic credentials are missing; {Expected}";
        if (!Base64.IsValid(encoded, out _))
            return $"The Authorization header's Basic credentials are not valid base64; {Expected}";

        var decoded = Encoding.ASCII.GetString(Convert.FromBase64String(encoded));
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
            return $"The Authorization header's Basic credentials have no ':' between client id and secret; {Expected}";

        return colon == 0
            ? $"The Authorization header's Basic credentials have an empty client id before the ':'; {Expected}"
            : null;
    }
}
