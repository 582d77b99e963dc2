namespace Sandbox.Benchmarks.Processes;

/// <summary>How to spawn a server and how to tell that it is ready.</summary>
/// <param name="Name">The server's name in messages, such as "sandbox".</param>
/// <param name="AssemblyPath">The built .dll, or the script, that <paramref name="Program"/> runs.</param>
/// <param name="Arguments">Arguments after the .dll; <c>--urls</c> is added from <paramref name="BaseAddress"/>.</param>
/// <param name="BaseAddress">The loopback root URL the server binds.</param>
/// <param name="ReadyPath">The path polled until it returns 200.</param>
/// <param name="Program">The executable, found on PATH: <c>dotnet</c>, or <c>node</c> for a Node.js probe.</param>
internal sealed record ServerLaunch(
    string Name,
    string AssemblyPath,
    IReadOnlyList<string> Arguments,
    Uri BaseAddress,
    string ReadyPath,
    string Program = "dotnet");
