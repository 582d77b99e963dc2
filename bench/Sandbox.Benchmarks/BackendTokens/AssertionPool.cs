namespace Sandbox.Benchmarks.BackendTokens;

/// <summary>Pre-signed client assertions that concurrent workers take one at a time, each once.</summary>
internal sealed class AssertionPool(string[] assertions)
{
    private int _next = -1;

    /// <summary>Takes the next unused assertion; returns false when every one has been taken.</summary>
    public bool TryTake(out string assertion)
    {
        var index = Interlocked.Increment(ref _next);
        if (index >= assertions.Length)
        {
            assertion = "";
            return false;
        }

        assertion = assertions[index];
        return true;
    }
}
