using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.DependencyInjection;

namespace Sandbox.EhrUi.Security;

/// <summary>
/// Checks the antiforgery token of an EHR form post just before Razor Pages' own check (order
/// 1000), so that the 400 status page can name the cause. The usual cause in the EHR is a
/// sign-in in another tab: the sign-in cookie is shared by all tabs, and a token belongs to
/// the persona that was signed in when the form was loaded.
/// </summary>
public sealed class AntiforgeryFailureFilter : IAsyncAuthorizationFilter, IOrderedFilter
{
    /// <summary>The explanation when the form was loaded for another persona.</summary>
    public const string PersonaChanged =
        "The signed-in persona changed in another tab since this form was loaded; reload the page and submit the form again.";

    /// <summary>The explanation for any other antiforgery failure.</summary>
    public const string TokenInvalid =
        "The form's antiforgery token is missing, invalid or expired; reload the page and submit the form again.";

    /// <summary>The explanation when the form body could not be read, so its token could not be either.</summary>
    public const string FormUnreadable =
        "The form could not be read because its body is malformed or larger than the page accepts. Check the file or the fields and submit the form again.";

    private static readonly object Key = new();

    public int Order => 999;

    /// <summary>Returns the explanation stored for this request's antiforgery failure, or null.</summary>
    public static string? Explanation(HttpContext context) => context.Items[Key] as string;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var httpContext = context.HttpContext;
        if (!IsUnsafe(httpContext.Request.Method) || IsIgnored(context))
            return;

        var antiforgery = httpContext.RequestServices.GetRequiredService<IAntiforgery>();
        try
        {
            await antiforgery.ValidateRequestAsync(httpContext);
        }
        catch (AntiforgeryValidationException exception)
        {
            // NOTE: ASP.NET Core 10 reports a token of another user only in the message text
            // ("The provided antiforgery token was meant for ..."), so the check reads it.
            var otherUser = exception.Message.Contains("was meant for", StringComparison.Ordinal);

            // The token store wraps the error it met while reading the form: InvalidDataException
            // for a malformed multipart body, and an IOException (BadHttpRequestException) for a
            // body over the size limit.
            if (exception.InnerException is InvalidDataException or IOException)
                httpContext.Items[Key] = FormUnreadable;
            else
                httpContext.Items[Key] = otherUser ? PersonaChanged : TokenInvalid;

            context.Result = new AntiforgeryValidationFailedResult();
        }
    }

    private static bool IsUnsafe(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));

    // The closest antiforgery policy decides, as in Razor Pages' own check.
    private static bool IsIgnored(AuthorizationFilterContext context) =>
        context.Filters.OfType<IAntiforgeryPolicy>().LastOrDefault() is IgnoreAntiforgeryTokenAttribute;
}
