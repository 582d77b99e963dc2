using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using OpenIddict.Validation;
using OpenIddict.Validation.AspNetCore;
using Sandbox.Auth.Admin;
using Sandbox.Auth.Api;
using Sandbox.Auth.Apps;
using Sandbox.Auth.Discovery;
using Sandbox.Auth.Endpoints;
using Sandbox.Auth.Fhir;
using Sandbox.Auth.Grants;
using Sandbox.Auth.Headless;
using Sandbox.Auth.Interaction;
using Sandbox.Auth.Journal;
using Sandbox.Auth.Launches;
using Sandbox.Auth.Personas;
using Sandbox.Auth.Server;
using Sandbox.FhirStore;
using Sandbox.FhirStore.Rest.Capabilities;

namespace Sandbox.Auth;

/// <summary>Registers the SMART authorization server and maps its endpoints and pages.</summary>
public static class SmartAuthExtensions
{
    // The key of IApplicationBuilder.Properties that Microsoft.AspNetCore.Authentication's
    // UseAuthentication() sets and WebApplication reads.
    private const string AuthenticationMiddlewareSetKey = "__AuthenticationMiddlewareSet";

    /// <summary>
    /// Starts loading OpenIddict's lists of event handlers on the thread pool. Their static
    /// constructors load several hundred handler types, which <see cref="AddSmartAuth"/> would
    /// otherwise wait for on the host's thread. Call it before creating the host's builder, so
    /// that the loading runs beside the builder's creation.
    /// </summary>
    public static void BeginHandlerLoading() =>
        _ = Task.Run(
            () =>
            {
                _ = OpenIddictServerHandlers.DefaultHandlers.Length;
                _ = OpenIddictServerAspNetCoreHandlers.DefaultHandlers.Length;
                _ = OpenIddictValidationHandlers.DefaultHandlers.Length;
                _ = OpenIddictValidationAspNetCoreHandlers.DefaultHandlers.Length;
            },
            CancellationToken.None);

    /// <summary>
    /// Adds the OpenIddict-based authorization server, the app registry, personas, launches,
    /// the launch journal, the interaction pages and scope enforcement on <c>/fhir</c>.
    /// Settings come from the <c>Auth</c> section (see <see cref="SmartAuthOptions"/>).
    /// </summary>
    public static IServiceCollection AddSmartAuth(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(SmartAuthOptions.SectionName);
        var options = section.Get<SmartAuthOptions>() ?? new SmartAuthOptions();
        services.AddOptions<SmartAuthOptions>()
            .Bind(section)
            .Validate(value => value.LaunchLifetime > TimeSpan.Zero, "Auth:LaunchLifetime must be a positive time span, such as 01:00:00.")
            .ValidateOnStart();

        services.AddOptions<AdminOptions>().Bind(configuration.GetSection(AdminOptions.SectionName));
        services.AddSingleton<AdminKeyGuard>();
        services.AddHostedService<AdminKeyAnnouncer>();
        services.AddSandboxOpenIddict(options);
        services.TryAddSingletonTimeProvider();
        services.AddHttpClient();
        services.AddHttpClient(HeadlessLauncher.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        services.AddHttpClient(JwksFetcher.HttpClientName, client =>
            {
                client.Timeout = JwksFetcher.Timeout;
                client.MaxResponseContentBufferSize = JwksFetcher.MaxBytes;
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        services.AddSingleton<JwksFetcher>();
        services.AddProblemDetails();
        services.AddAdminJson();
        services.AddOpenApi(options =>
        {
            options.AddSchemaTransformer<NullableEnumSchemas>();
            options.AddSchemaTransformer<HeadlessTokenResponseSchema>();
            options.AddDocumentTransformer<AdminKeyResponses>();
            options.AddDocumentTransformer<AdminKeySecurity>();

            // Every GET operation of the admin API also serves HEAD. The document lists only the GET.
            var include = options.ShouldInclude;
            options.ShouldInclude = description => description.HttpMethod != HttpMethods.Head && include(description);
        });
        services.AddRazorPages(pages => pages.Conventions.Add(new FrameProtection()))
            .AddApplicationPart(typeof(SmartAuthExtensions).Assembly);
        services.AddCors();

        services.AddSingleton<AppRegistry>();
        services.AddSingleton<AllowedOrigins>();
        services.AddSingleton<LooseClientPolicy>();
        services.AddSingleton<LooseAppTokenCheck>();
        services.AddSingleton<IPersonaStore, InMemoryPersonaStore>();
        services.AddSingleton<PersonaSignInThrottle>();
        services.AddSingleton<LaunchStore>();
        services.AddSingleton<LaunchListClearing>();
        services.AddSingleton<LaunchReferenceCheck>();
        services.AddOptions<InteractionPageOptions>();
        services.AddOptions<DiscoveryOptions>();
        services.AddSingleton<UserGrants>();
        services.AddSingleton<InteractionStore>();
        services.AddSingleton<PickerSearch>();
        services.AddSingleton<ILaunchJournal, InMemoryLaunchJournal>();
        services.AddSingleton<ICorsPolicyProvider, SandboxCorsPolicyProvider>();
        services.AddSingleton<ICapabilityStatementContributor, SmartCapabilityContributor>();
        services.AddScoped<AuthorizeEndpoint>();
        services.AddScoped<TokenEndpoint>();
        services.AddScoped<HeadlessLauncher>();
        services.AddHostedService<AuthStartup>();
        services.AddHostedService<TokenPruning>();
        return services;
    }

    /// <summary>
    /// Adds <c>Vary: Origin</c> to every response of a path with a CORS policy. Call it before
    /// any middleware that can end a request itself, such as the start-up gate and the host-name
    /// check, so that their responses vary by origin as the endpoints' responses do.
    /// </summary>
    public static WebApplication UseOriginVaryHeader(this WebApplication app)
    {
        app.UseMiddleware<OriginVaryHeader>();
        return app;
    }

    /// <summary>
    /// Adds the authorization middleware (CORS before authentication, so token responses and
    /// errors carry CORS headers) and the access check on <c>/fhir</c>, then maps discovery,
    /// the OAuth endpoints, the interaction pages and the app and launch admin API.
    /// </summary>
    public static WebApplication MapSmartAuth(this WebApplication app)
    {
        app.UseCors();

        // Before authentication, because OpenIddict's server handler handles every introspection
        // request there and accepts only client authentication.
        app.UseMiddleware<BearerIntrospection>();
        UseAuthenticationOutsideFhir(app);
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments(AuthPaths.Register),
            branch =>
            {
                branch.UseStatusCodePages(AdminErrorPages.WriteAsync);
                branch.UseMiddleware<AdminFailures>();
                branch.UseMiddleware<CrossSiteRequestMiddleware>();
                branch.UseMiddleware<AdminKeyMiddleware>();
                branch.UseMiddleware<AdminBodyErrors>();
            });
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(FhirStoreExtensions.FhirBasePath),
            branch => branch.UseMiddleware<FhirAccessMiddleware>());

        // The OAuth endpoints and SMART discovery are described by the discovery documents and
        // the specifications, not by the admin API's OpenAPI document.
        app.MapGet(FhirStoreExtensions.FhirBasePath + AuthPaths.SmartConfiguration,
            (HttpContext context, IOptions<DiscoveryOptions> discovery) =>
                Results.Json(SmartConfiguration.Build(context.Request, discovery.Value)))
            .ExcludeFromDescription();
        app.MapMethods(AuthPaths.Authorize, [HttpMethods.Get, HttpMethods.Post],
            (HttpContext context, AuthorizeEndpoint endpoint) => endpoint.HandleAsync(context))
            .ExcludeFromDescription();
        app.MapPost(AuthPaths.Token, (HttpContext context, TokenEndpoint endpoint) => endpoint.HandleAsync(context))
            .ExcludeFromDescription();
        app.MapPost(AuthPaths.Register, RegistrationEndpoint.HandleAsync)
            .Produces<ClientMetadata>(StatusCodes.Status201Created)
            .Produces<Dictionary<string, string>>(StatusCodes.Status400BadRequest);
        app.MapAdminApi();
        app.MapHeadlessLaunch();
        // MapOpenApi maps only GET, so HEAD is added here, as every GET operation of the admin API has it.
        app.MapOpenApi().WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]));
        app.MapRazorPages();
        return app;
    }

    /// <summary>
    /// Runs the authentication middleware on every path but <c>/fhir</c>. On each request it
    /// passes, OpenIddict's server handler checks whether the request is one of its endpoints
    /// and the default scheme reads the EHR's cookie. <c>/fhir</c> uses neither, because
    /// <see cref="FhirAccessMiddleware"/> validates the bearer token itself. In a perf profile
    /// of 16-client searches, OpenIddict's handler alone took about 5 % of the samples.
    /// </summary>
    private static void UseAuthenticationOutsideFhir(WebApplication app)
    {
        app.UseWhen(
            context => !context.Request.Path.StartsWithSegments(FhirStoreExtensions.FhirBasePath),
            branch => branch.UseAuthentication());

        // WebApplication adds UseAuthentication() in front of the whole pipeline unless this
        // key, which UseAuthentication() sets, is present on the application itself. A UseWhen
        // branch writes to its own copy of the properties (ASP.NET Core 10), so it is set here.
        ((IApplicationBuilder)app).Properties[AuthenticationMiddlewareSetKey] = true;
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (services.All(descriptor => descriptor.ServiceType != typeof(TimeProvider)))
            services.AddSingleton(TimeProvider.System);
    }
}
