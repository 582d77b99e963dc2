using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Sandbox.Auth.Apps;
using Sandbox.EhrUi.Fhir;
using Sandbox.EhrUi.Launching;
using Sandbox.Smart;

namespace Sandbox.EhrUi.Pages.Apps;

/// <summary>
/// Registers, edits and deletes an app through the authorization server's <see cref="AppRegistry"/>.
/// After a registration the page shows the generated client secret once, the <c>iss</c> to
/// paste into the app and a standalone launch URL.
/// </summary>
public sealed class AppEditModel(AppRegistry registry, ILogger<AppEditModel> logger) : PageModel
{
    [BindProperty]
    public AppForm Form { get; set; } = new();

    /// <summary>The client id in the URL, or null on the registration page.</summary>
    public string? ClientId { get; private set; }

    public bool IsNew => ClientId is null;

    /// <summary>The app as just registered or saved, shown with its credentials.</summary>
    public SmartApp? Saved { get; private set; }

    /// <summary>The secret generated at registration, shown only in that response.</summary>
    public string? NewSecret { get; private set; }

    public string? ErrorMessage { get; private set; }

    /// <summary>A note on a saved app, shown above its configuration.</summary>
    public string? Notice { get; private set; }

    public string Iss => FhirBaseUrl.For(Request).ToString();

    public async Task<IActionResult> OnGetAsync(string? clientId, CancellationToken cancellationToken)
    {
        ClientId = clientId;
        if (clientId is null)
            return Page();

        var app = await registry.FindAsync(clientId, cancellationToken);
        if (app is null)
            return NotFound();

        Form = AppForm.From(app);
        Saved = app;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? clientId, CancellationToken cancellationToken)
    {
        ClientId = clientId;
        if (DescribeUnboundField() is { } unbound)
            return Reject(unbound);

        var app = Form.ToApp(out var problem);
        if (app is null)
            return Reject(problem!);

        var ignoresRefreshTokens = Form.IgnoresRefreshTokens;
        try
        {
            if (clientId is null)
            {
                var registered = Registered(await registry.RegisterAsync(app, cancellationToken), app.ClientSecret is null);
                NoteIgnoredRefreshTokens(ignoresRefreshTokens);
                return registered;
            }

            if (!await registry.ReplaceAsync(app with { ClientId = clientId }, cancellationToken))
                return NotFound();

            Saved = await registry.FindAsync(clientId, cancellationToken);
            NoteIgnoredRefreshTokens(ignoresRefreshTokens);
            return Page();
        }
        catch (AppRegistrationException exception)
        {
            return Reject(exception.Message);
        }
    }

    /// <summary>Deletes the app, but only when the confirmation box was ticked.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(
        string? clientId,
        [FromForm] bool confirm,
        CancellationToken cancellationToken)
    {
        // The registration page at apps/new has no app to delete.
        if (clientId is null)
            return NotFound();

        if (!confirm)
        {
            var app = await registry.FindAsync(clientId, cancellationToken);
            if (app is null)
                return NotFound();

            ClientId = clientId;
            Form = AppForm.From(app);
            Saved = app;
            return Reject("The app was not deleted: tick the box that confirms the app and its tokens are deleted.");
        }

        if (!await registry.DeleteAsync(clientId, cancellationToken))
            return NotFound();

        return LocalRedirect("/apps");
    }

    /// <summary>Returns a launch URL that starts a standalone launch against this sandbox, or null without a launch URL.</summary>
    public string? StandaloneLaunchUrl(SmartApp app)
    {
        if (string.IsNullOrWhiteSpace(app.LaunchUrl))
            return null;

        var absolute = Uri.IsWellFormedUriString(app.LaunchUrl, UriKind.Absolute)
            ? app.LaunchUrl
            : $"{Request.Scheme}://{Request.Host}{Request.PathBase}/{app.LaunchUrl.TrimStart('/')}";
        // AddQueryString puts iss before any fragment, in the query where apps read it.
        return QueryHelpers.AddQueryString(absolute, SmartParameters.Iss, Iss);
    }

    // A value the model binder cannot convert, such as a lifetime past int.MaxValue or an unknown
    // kind, leaves the field at its default. Saving then would silently drop what was typed.
    private string? DescribeUnboundField()
    {
        foreach (var (key, entry) in ModelState)
        {
            if (entry.ValidationState != ModelValidationState.Invalid)
                continue;

            var field = key.StartsWith("Form.", StringComparison.Ordinal) ? key["Form.".Length..] : key;
            var name = field.Length == 0 ? field : char.ToLowerInvariant(field[0]) + field[1..];
            return $"{name} '{entry.AttemptedValue}' is invalid, so the app was not saved. Correct the value and save again.";
        }

        return null;
    }

    private PageResult Registered(SmartApp stored, bool secretGenerated)
    {
        Saved = stored;
        ClientId = stored.ClientId;
        NewSecret = secretGenerated ? stored.ClientSecret : null;
        Form = AppForm.From(stored);
        return Page();
    }

    // The page shows a checkbox as posted unless its model state entry is removed.
    private void NoteIgnoredRefreshTokens(bool ignored)
    {
        if (!ignored)
            return;

        Notice = "The app was saved without refresh tokens, because a backend service uses client_credentials, "
            + "which issues none. The box \"Issue refresh tokens\" is now unticked.";
        Form.RefreshTokens = false;
        ModelState.Remove($"{nameof(Form)}.{nameof(AppForm.RefreshTokens)}");
    }

        private PageResult Reject(string reason)
    {
        Log.AppFormRejected(logger, ClientId ?? Form.ClientId, reason);
        ErrorMessage = reason;
        return Page();
    }
}
