using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sandbox.Auth.Discovery;
using Sandbox.Auth.Interaction;
using Sandbox.Auth.Launches;
using Sandbox.EhrUi.Account;
using Sandbox.EhrUi.Fhir;
using Sandbox.EhrUi.Launching;
using Sandbox.EhrUi.Pages.Account;
using Sandbox.EhrUi.Pages.Chart;
using Sandbox.EhrUi.Pages.Patients;
using Sandbox.EhrUi.Presentation;
using Sandbox.EhrUi.Security;

namespace Sandbox.EhrUi;

/// <summary>Registers the fake EHR's Razor Pages.</summary>
public static class EhrUiExtensions
{
    /// <summary>The path of the patient list, which is also the EHR's home page.</summary>
    public const string PatientListPath = "/patients";

    /// <summary>The path the EHR's style sheet and other static files are served under.</summary>
    public const string StaticFilesPath = "/_content/Sandbox.EhrUi";

    /// <summary>The path of the EHR's icon, an SVG served with the style sheet.</summary>
    public const string IconPath = StaticFilesPath + "/favicon.svg";

    /// <summary>The suffix of every EHR page title.</summary>
    public const string TitleSuffix = " · Sandbox EHR";

    /// <summary>The path of the EHR's error status page; the status code follows it.</summary>
    public const string StatusPagePath = "/ehr-status";

    private static readonly string[] OtherModulePaths = ["/fhir", "/api", "/auth", "/sample-app", "/.well-known", StaticFilesPath];

    /// <summary>
    /// Adds the services of the fake EHR: its Razor Pages with frame protection and persona
    /// sign-in (a cookie scheme of its own, never the default scheme), the reader of store
    /// data, the view-model builders and the launcher. Needs the FHIR store's
    /// <c>ISearchService</c>, <c>IResourceStore</c> and <c>DataFolder</c>, and the
    /// authorization server's persona store, app registry, launch store, launch journal and
    /// user grants. It publishes the app access page as SMART's <c>management_endpoint</c>.
    /// </summary>
    public static IServiceCollection AddEhrUi(this IServiceCollection services, IConfiguration configuration)
    {
        var pages = services.AddRazorPages(options =>
        {
            options.Conventions.Add(new EhrPageConvention());
            options.Conventions.AddPageRouteModelConvention("/Patients/PatientList", AddRootRoute);
            options.Conventions.AddPageRoute("/Apps/AppEdit", "apps/new");
            options.Conventions.AddPageRoute("/Scenarios/ScenarioDetail", "scenarios/shared");
        });

        // The host finds this library's pages through the entry assembly's references, but in
        // tests the entry assembly is the test runner, so add the library when it is missing.
        var assembly = typeof(EhrUiExtensions).Assembly;
        if (!pages.PartManager.ApplicationParts.OfType<AssemblyPart>().Any(part => part.Assembly == assembly))
            pages.AddApplicationPart(assembly);

        services.AddAuthentication().AddCookie(EhrSignIn.Scheme, EhrSignIn.Configure);
        services.Configure<InteractionPageOptions>(ConfigureInteractionPages);
        services.Configure<DiscoveryOptions>(options => options.ManagementPath = AppAccessModel.PagePath);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PatientBannerBuilder>();
        services.AddSingleton<LaunchOptionsStore>();
        services.AddSingleton<EhrLaunchHistory>();
        services.AddSingleton<ILaunchListClearedHandler>(provider => provider.GetRequiredService<EhrLaunchHistory>());
        services.AddSingleton<EhrLauncher>();
        services.AddSingleton<ScenarioStore>();
        services.AddScoped<ScenarioLauncher>();
        services.AddScoped<ChartBannerLoader>();
        services.AddSingleton<RecentPatientsCookie>();
        services.AddSingleton<ChosenEncounterCookie>();
        services.AddSingleton<AdminKeyCookie>();
        services.AddScoped<EhrDataReader>();
        return services;
    }

    /// <summary>
    /// Maps the fake EHR at the site root: its pages, its style sheet and icon under
    /// <see cref="StaticFilesPath"/>, and the icon at <c>/favicon.ico</c>.
    /// </summary>
    public static WebApplication MapEhrUi(this WebApplication app)
    {
        // The files of wwwroot are embedded in this assembly and served from there, because
        // the host serves a library's static web assets only after publish or in Development,
        // and the sandbox must style its pages in every environment, tests included.
        var files = new EmbeddedFileProvider(typeof(EhrUiExtensions).Assembly, "Sandbox.EhrUi.wwwroot");
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            RequestPath = StaticFilesPath,
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
        });

        // Browsers ask for /favicon.ico on pages that link no icon, such as the sample app and
        // JSON responses; they accept the SVG icon there too.
        app.MapGet("/favicon.ico", () => Results.Stream(files.GetFileInfo("favicon.svg").CreateReadStream(), "image/svg+xml"))
            .ExcludeFromDescription();
        app.MapRazorPages();
        return app;
    }

    /// <summary>
    /// Shows the EHR's status page for an EHR request that ends with an error status and no
    /// body, such as an unknown patient. The FHIR, OAuth and admin paths keep their own error
    /// formats. Call it before <c>UseRouting</c>, so that the re-run request is routed to the
    /// status page.
    /// </summary>
    public static WebApplication UseEhrStatusPages(this WebApplication app)
    {
        app.UseWhen(
            context => IsEhrPath(context.Request.Path),
            branch => branch.UseStatusCodePagesWithReExecute(StatusPagePath + "/{0}"));
        return app;
    }

    // The authorization server's sign-in, picker and consent pages look like EHR pages, because
    // a demo audience watches them in the middle of a launch.
    // The patient list is also served at "/", but links to it, its paging links and form posts
    // included, name its own path /patients. AddPageRoute would let link generation pick "/".
    private static void AddRootRoute(PageRouteModel model) =>
        model.Selectors.Add(new SelectorModel
        {
            AttributeRouteModel = new AttributeRouteModel
            {
                Template = string.Empty,
                SuppressLinkGeneration = true,
            },
        });

    private static void ConfigureInteractionPages(InteractionPageOptions options)
    {
        options.StyleSheetPath = StaticFilesPath + "/ehr.css";
        options.IconPath = IconPath;
        options.TitleSuffix = TitleSuffix;
        options.DateFormat = FhirDates.DateFormat;
        options.DateTimeFormat = FhirDates.DateTimeFormat;
        options.HomePath = PatientListPath;
        options.HomeName = "the EHR";
    }

    private static bool IsEhrPath(PathString path) =>
        !OtherModulePaths.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));
}
