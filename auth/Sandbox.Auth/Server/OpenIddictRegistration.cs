using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using Sandbox.Auth.Server.Dispatch;
using Sandbox.Auth.Server.Storage;
using Sandbox.Smart;
using Sandbox.Smart.Scopes;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sandbox.Auth.Server;

/// <summary>Configures OpenIddict as a SMART authorization server.</summary>
internal static class OpenIddictRegistration
{
    public static IServiceCollection AddSandboxOpenIddict(this IServiceCollection services, SmartAuthOptions options)
    {
        services.AddSingleton<ServerKeys>();
        services.AddSingleton<AuthorizeRedirectVerifier>();
        services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, ServerKeyConfiguration>();

        services.AddOpenIddict()
            .AddCore(core => core.UseSandboxStores())
            .AddServer(server => ConfigureServer(server, options))
            .AddValidation(validation =>
            {
                validation.UseLocalServer();

                // RFC 6750 section 2.3 advises against access tokens in URLs, which end up in
                // logs, browser history and Referer headers, so only the Authorization header
                // carries them. OpenIddict 7.9 also reads the query string and a form body by default.
                validation.UseAspNetCore()
                    .DisableAccessTokenExtractionFromQueryString()
                    .DisableAccessTokenExtractionFromBodyForm();
                validation.AddEventHandler(BearerSchemeSpaces.Descriptor);

                // A replayed authorization code revokes the tokens issued for it; these checks make
                // the FHIR endpoint reject such access tokens too. Each is a dictionary read of
                // the in-memory token and authorization stores.
                validation.EnableTokenEntryValidation();
                validation.EnableAuthorizationEntryValidation();
            });

        // OpenIddict's dispatcher tests every registered handler for each event, while this
        // one runs the same handlers from a list per event type and resolves singletons once.
        services.AddSingleton<ServerHandlerIndex>();
        services.AddSingleton(provider => new SingletonServiceCache(provider, services));
        services.Replace(ServiceDescriptor.Scoped<IOpenIddictServerDispatcher, IndexedServerDispatcher>());
        return services;
    }

    private static void ConfigureServer(OpenIddictServerBuilder server, SmartAuthOptions options)
    {
        server
            .SetAuthorizationEndpointUris(AuthPaths.Authorize.TrimStart('/'))
            .SetTokenEndpointUris(AuthPaths.Token.TrimStart('/'))
            .SetIntrospectionEndpointUris(AuthPaths.Introspect.TrimStart('/'))
            .SetRevocationEndpointUris(AuthPaths.Revoke.TrimStart('/'))
            .SetJsonWebKeySetEndpointUris(AuthPaths.Jwks.TrimStart('/'))
            .SetConfigurationEndpointUris(AuthPaths.OpenIdConfiguration.TrimStart('/'));

        server.AllowAuthorizationCodeFlow().AllowRefreshTokenFlow().AllowClientCredentialsFlow();

        // SMART v2 granular scopes cannot be registered one by one: the sandbox negotiates
        // scopes itself and OpenIddict only records the result.
        server.DisableScopeValidation();
        server.IgnoreScopePermissions();
        server.RegisterScopes([.. SmartScopes.All]);

        // claims_supported in the discovery document: OpenIddict lists only aud, exp, iat, iss
        // and sub by itself, so the other claims an id_token can carry are added here.
        server.RegisterClaims(
            SmartParameters.FhirUser,
            Claims.Name,
            Claims.Profile,
            Claims.Nonce,
            Claims.AuthenticationTime,
            Claims.AccessTokenHash,
            Claims.AuthorizedParty);

        // The FHIR base URL, the only valid resource indicator, depends on the request's host, so
        // FhirBaseResourceCheck replaces OpenIddict's check against resources registered at start-up.
        server.DisableResourceValidation();
        server.IgnoreResourcePermissions();

        // Apps and the FHIR store read access tokens, so they stay signed but unencrypted.
        // They are signed with the server's HMAC key (see ServerKeys), so a resource server
        // other than the sandbox checks them through introspection.
        server.DisableAccessTokenEncryption();
        server.SetRefreshTokenReuseLeeway(TimeSpan.Zero);
        server.SetAuthorizationCodeLifetime(options.AuthorizationCodeLifetime);
        server.SetAccessTokenLifetime(options.AccessTokenLifetime);
        server.SetRefreshTokenLifetime(options.OfflineRefreshTokenLifetime);

        // SMART allows only S256. OpenIddict keeps "plain" enabled but unadvertised, so the
        // authorize endpoint rejects it with a message that names the SMART rule.
        server.AddEventHandler(S256OnlyDiscovery.Descriptor);

        // Errors of OpenIddict's own request validation go back to a verified redirect URI; the
        // others get an HTML page that names the failed check.
        server.AddEventHandler(ValidationErrorRedirect.Descriptor);
        server.AddEventHandler(AuthorizeErrorPageWriter.Descriptor);

        server.AddEventHandler(InteractionRequestRestorer.Descriptor);
        server.AddEventHandler(FormLimitCheck.AuthorizationDescriptor);
        server.AddEventHandler(FormLimitCheck.TokenDescriptor);
        server.AddEventHandler(FormLimitCheck.IntrospectionDescriptor);
        server.AddEventHandler(FormLimitCheck.RevocationDescriptor);
        server.AddEventHandler(RepeatedParameterCheck.AuthorizationDescriptor);
        server.AddEventHandler(RepeatedParameterCheck.TokenDescriptor);
        server.AddEventHandler(CodeVerifierFormatCheck.Descriptor);
        server.AddEventHandler(IntrospectionPostOnly.Descriptor);
        server.AddEventHandler(BasicCredentialsCheck.TokenDescriptor);
        server.AddEventHandler(BasicCredentialsCheck.IntrospectionDescriptor);
        server.AddEventHandler(BasicCredentialsCheck.RevocationDescriptor);
        server.AddEventHandler(ClientSecretMethodCheck.TokenDescriptor);
        server.AddEventHandler(ClientSecretMethodCheck.IntrospectionDescriptor);
        server.AddEventHandler(ClientSecretMethodCheck.RevocationDescriptor);
        server.AddEventHandler(LooseClientRegistration.Descriptor);
        server.AddEventHandler(LooseClientGate.Descriptor);
        server.AddEventHandler(LooseClientRollback.Descriptor);
        server.AddEventHandler(RedirectUriRequired.Descriptor);
        server.AddEventHandler(ClientAssertionValidationWidener.Descriptor);
        server.AddEventHandler(ClientAssertionIdentityCheck.Descriptor);
        server.AddEventHandler(ClientAssertionAudienceCheck.Descriptor);
        server.AddEventHandler(ClientJwksResolver.Descriptor);
        server.AddEventHandler(ClientAssertionTypeRestorer.Descriptor);
        server.AddEventHandler(ClientAssertionClaimCheck.Descriptor);
        server.AddEventHandler(ClientAssertionReplayGuard.Descriptor);
        server.AddEventHandler(ClientAssertionErrors.Descriptor);
        server.AddEventHandler(ClientAssertionEndpointErrors.IntrospectionDescriptor);
        server.AddEventHandler(ClientAssertionEndpointErrors.RevocationDescriptor);
        server.AddEventHandler(IdentityTokenWithoutEntry.Descriptor);
        server.AddEventHandler(OnlineAccessRefreshTokens.Descriptor);
        server.AddEventHandler(RefreshTokenGrantCheck.AuthorizationDescriptor);
        server.AddEventHandler(RefreshTokenGrantCheck.TokenDescriptor);
        server.AddEventHandler(RefreshTokenSingleUse.Descriptor);
        server.AddEventHandler(RefreshScopeDeferral.Descriptor);
        server.AddEventHandler(AccessTokenScopeNarrowing.Descriptor);
        server.AddEventHandler(ExactExpiresIn.Descriptor);
        server.AddEventHandler(OfflineAccessDeferral.Descriptor);
        server.AddEventHandler(AuthorizationCodeScopeRemover.Descriptor);
        server.AddEventHandler(FhirBaseResourceCheck.AuthorizationDescriptor);
        server.AddEventHandler(FhirBaseResourceCheck.TokenDescriptor);
        server.AddEventHandler(IntrospectionTokenTypeCheck.Descriptor);
        server.AddEventHandler(IntrospectionContextClaims.Descriptor);
        server.AddEventHandler(GrantRevocation.Descriptor);
        server.AddEventHandler(GrantContextAuthorization.Descriptor);
        server.AddEventHandler(OAuthErrorJournal.AuthorizationDescriptor);
        server.AddEventHandler(OAuthErrorJournal.TokenDescriptor);
        server.AddEventHandler(TokenGrantJournalKey.Descriptor);
        server.AddEventHandler(TokenResponseJournal.Descriptor);
        server.AddEventHandler(GenericErrorUriRemover.AuthorizationDescriptor);
        server.AddEventHandler(GenericErrorUriRemover.TokenDescriptor);

        // RFC 7617 section 2 requires a realm in the Basic challenge of a 401 invalid_client.
        var aspNetCore = server.UseAspNetCore()
            .SetRealm("auth")
            .EnableAuthorizationEndpointPassthrough()
            .EnableTokenEndpointPassthrough();
        if (!options.RequireHttps)
            aspNetCore.DisableTransportSecurityRequirement();
    }

    /// <summary>Hands the keys from the data folder to OpenIddict, loaded once per process.</summary>
    private sealed class ServerKeyConfiguration(ServerKeys keys) : IConfigureOptions<OpenIddictServerOptions>
    {
        public void Configure(OpenIddictServerOptions options)
        {
            options.SigningCredentials.Add(new SigningCredentials(keys.TokenSigningKey, SecurityAlgorithms.HmacSha256));
            options.SigningCredentials.Add(new SigningCredentials(keys.SigningKey, SecurityAlgorithms.RsaSha256));
            options.EncryptionCredentials.Add(new EncryptingCredentials(
                keys.EncryptionKey,
                SecurityAlgorithms.Aes256KW,
                SecurityAlgorithms.Aes256CbcHmacSha512));
        }
    }
}
