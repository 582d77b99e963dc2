using Microsoft.EntityFrameworkCore;

namespace Sandbox.Auth.Server;

/// <summary>
/// The authorization server's own SQLite database: OpenIddict's applications (the registered
/// apps), authorizations and tokens.
/// </summary>
public sealed class AuthDbContext(DbContextOptions<AuthDbContext> options) : DbContext(options)
{
    /// <summary>The database file name inside the data folder.</summary>
    public const string FileName = "auth.db";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.UseOpenIddict();
    }
}
