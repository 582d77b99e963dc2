namespace Sandbox.Auth.Server.Storage;

/// <summary>
/// Every entity of the authorization server, loaded from <see cref="AuthDatabase"/> when this
/// object is created, with the lookups that OpenIddict's managers use on each request.
/// </summary>
internal sealed class AuthEntities
{
    public AuthEntities(AuthDatabase database)
    {
        Applications = new(database, AuthTables.Applications, StorageJson.Default.StoredApplication, ApplicationsByClientId);
        Authorizations = new(
            database,
            AuthTables.Authorizations,
            StorageJson.Default.StoredAuthorization,
            AuthorizationsByApplication,
            AuthorizationsBySubject);
        Scopes = new(database, AuthTables.Scopes, StorageJson.Default.StoredScope, ScopesByName);
        Tokens = new(
            database,
            AuthTables.Tokens,
            StorageJson.Default.StoredToken,
            TokensByApplication,
            TokensByAuthorization,
            TokensByReferenceId,
            TokensBySubject);
    }

    public EntityTable<StoredApplication> Applications { get; }

    public EntityIndex<StoredApplication> ApplicationsByClientId { get; } = new(application => application.ClientId);

    public EntityTable<StoredAuthorization> Authorizations { get; }

    public EntityIndex<StoredAuthorization> AuthorizationsByApplication { get; } = new(authorization => authorization.ApplicationId);

    public EntityIndex<StoredAuthorization> AuthorizationsBySubject { get; } = new(authorization => authorization.Subject);

    public EntityTable<StoredScope> Scopes { get; }

    public EntityIndex<StoredScope> ScopesByName { get; } = new(scope => scope.Name);

    public EntityTable<StoredToken> Tokens { get; }

    public EntityIndex<StoredToken> TokensByApplication { get; } = new(token => token.ApplicationId);

    public EntityIndex<StoredToken> TokensByAuthorization { get; } = new(token => token.AuthorizationId);

    public EntityIndex<StoredToken> TokensByReferenceId { get; } = new(token => token.ReferenceId);

    public EntityIndex<StoredToken> TokensBySubject { get; } = new(token => token.Subject);
}
