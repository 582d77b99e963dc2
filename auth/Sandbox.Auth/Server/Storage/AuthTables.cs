namespace Sandbox.Auth.Server.Storage;

/// <summary>The table names of <see cref="AuthDatabase"/>, one per kind of entity.</summary>
internal static class AuthTables
{
    public const string Applications = "applications";
    public const string Authorizations = "authorizations";
    public const string Scopes = "scopes";
    public const string Tokens = "tokens";

    public static readonly string[] All = [Applications, Authorizations, Scopes, Tokens];
}
