using System.Collections.Immutable;
using System.Text.Json;

namespace Sandbox.Auth.Server.Storage;

/// <summary>The getters and setters of <see cref="AuthorizationStore"/>; setters change only the caller's copy.</summary>
internal sealed partial class AuthorizationStore
{
    public ValueTask<string?> GetApplicationIdAsync(StoredAuthorization authorization, CancellationToken cancellationToken) =>
        new(authorization.ApplicationId);

    public ValueTask<DateTimeOffset?> GetCreationDateAsync(StoredAuthorization authorization, CancellationToken cancellationToken) =>
        new(authorization.CreationDate);

    public ValueTask<string?> GetIdAsync(StoredAuthorization authorization, CancellationToken cancellationToken) =>
        new(authorization.Id);

    public ValueTask<ImmutableDictionary<string, JsonElement>> GetPropertiesAsync(
        StoredAuthorization authorization,
        CancellationToken cancellationToken) =>
        new(authorization.Properties);

    public ValueTask<ImmutableArray<string>> GetScopesAsync(StoredAuthorization authorization, CancellationToken cancellationToken) =>
        new(authorization.Scopes);

    public ValueTask<string?> GetStatusAsync(StoredAuthorization authorization, CancellationToken cancellationToken) =>
        new(authorization.Status);

    public ValueTask<string?> GetSubjectAsync(StoredAuthorization authorization, CancellationToken cancellationToken) =>
        new(authorization.Subject);

    public ValueTask<string?> GetTypeAsync(StoredAuthorization authorization, CancellationToken cancellationToken) =>
        new(authorization.Type);

    public ValueTask SetApplicationIdAsync(StoredAuthorization authorization, string? identifier, CancellationToken cancellationToken)
    {
        authorization.ApplicationId = identifier;
        return ValueTask.CompletedTask;
    }

    public ValueTask SetCreationDateAsync(StoredAuthorization authorization, DateTimeOffset? date, CancellationToken cancellationToken)
    {
        authorization.CreationDate = date;
        return ValueTask.CompletedTask;
    }

    public ValueTask SetPropertiesAsync(
        StoredAuthorization authorization,
        ImmutableDictionary<string, JsonElement> properties,
        CancellationToken cancellationToken)
    {
        authorization.Properties = properties;
        return ValueTask.CompletedTask;
    }

    public ValueTask SetScopesAsync(StoredAuthorization authorization, ImmutableArray<string> scopes, CancellationToken cancellationToken)
    {
        authorization.Scopes = scopes.IsDefault ? [] : scopes;
        return ValueTask.CompletedTask;
    }

    public ValueTask SetStatusAsync(StoredAuthorization authorization, string? status, CancellationToken cancellationToken)
    {
        authorization.Status = status;
        return ValueTask.CompletedTask;
    }

    public ValueTask SetSubjectAsync(StoredAuthorization authorization, string? subject, CancellationToken cancellationToken)
    {
        authorization.Subject = subject;
        return ValueTask.CompletedTask;
    }

    public ValueTask SetTypeAsync(StoredAuthorization authorization, string? type, CancellationToken cancellationToken)
    {
        authorization.Type = type;
        return ValueTask.CompletedTask;
    }
}
