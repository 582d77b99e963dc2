using System.Buffers.Text;
using System.Text;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using Sandbox.Auth.Journal;
using Sandbox.Smart;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server;

/// <summary>
/// Records each successful token response in the launch journal: the SMART context fields
/// the app received, and the header and claims of the access token and the ID token, so the
/// inspector shows what the app got. Signatures and refresh tokens are never recorded.
/// </summary>
internal sealed class TokenResponseJournal(ILaunchJournal journal) : IOpenIddictServerHandler<ApplyTokenResponseContext>
{
    /// <summary>The journal step of a token response.</summary>
    public const string Step = "token-response";

    private static readonly string[] ContextFields =
    [
        SmartParameters.Patient, SmartParameters.Encounter, SmartParameters.NeedPatientBanner,
        SmartParameters.SmartStyleUrl, SmartParameters.Intent, SmartParameters.Tenant, SmartParameters.FhirContext,
    ];

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyTokenResponseContext>()
            .UseSingletonHandler<TokenResponseJournal>()
            .SetOrder(OpenIddictServerHandlers.Exchange.NormalizeErrorResponse.Descriptor.Order + 2)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        var response = context.Response;
        if (!string.IsNullOrEmpty(response.Error) || response.AccessToken is null)
            return default;

        var key = ILaunchJournal.KeyFor(OAuthErrorJournal.LaunchIdOf(context), context.Request?.ClientId);
        journal.Record(key, Step, LaunchEventOutcome.Info, Describe(response));
        return default;
    }

    /// <summary>Describes a token response in one paragraph, with each JWT decoded but not its signature.</summary>
    public static string Describe(OpenIddictResponse response)
    {
        var text = new StringBuilder();
        text.Append($"Token response: token_type {response.TokenType}, expires_in {response.ExpiresIn}, scope '{response.Scope}'");
        foreach (var field in ContextFields)
        {
            if (response.GetParameter(field) is { } parameter)
                text.Append($", {field} {parameter}");
        }

        text.Append(response.RefreshToken is null ? ", no refresh token." : ", a refresh token.");
        AppendJwt(text, "Access token", response.AccessToken);
        AppendJwt(text, "ID token", response.IdToken);
        return text.ToString();
    }

    private static void AppendJwt(StringBuilder text, string name, string? token)
    {
        if (token is null)
            return;

        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            text.Append($" {name}: not a JWT.");
            return;
        }

        text.Append($" {name} header {DecodePart(parts[0])}, claims {DecodePart(parts[1])}.");
    }

    private static string DecodePart(string part)
    {
        var bytes = new byte[Base64Url.GetMaxDecodedLength(part.Length)];
        return Base64Url.TryDecodeFromChars(part, bytes, out var written)
            ? Encoding.UTF8.GetString(bytes, 0, written)
            : "(not base64url)";
    }
}
