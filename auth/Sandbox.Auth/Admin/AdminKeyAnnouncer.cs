using Microsoft.Extensions.Hosting;

namespace Sandbox.Auth.Admin;

/// <summary>
/// Prints the stored admin key once the server has bound its addresses, so the operator can use
/// it. A configured key is not printed, because the operator already has it.
/// </summary>
internal sealed class AdminKeyAnnouncer(AdminKeyGuard guard, IHostApplicationLifetime lifetime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Print);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Print()
    {
        if (guard.KeyIsStored)
            Console.WriteLine($"Admin API key (send as X-Admin-Key or Bearer): {guard.RequiredKey}");
        else if (guard.RequiredKey is null)
            Console.WriteLine("Admin API: open, because the sandbox listens on loopback only.");
    }
}
