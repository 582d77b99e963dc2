using System.Net;
using System.Net.Sockets;

namespace Sandbox.Host.Tests;

/// <summary>Start-up failures print one clear line and exit with 1 or 2, never a stack trace.</summary>
public sealed class StartupErrorTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private readonly string _folder = Directory.CreateTempSubdirectory("sandbox-startup-").FullName;

    [Fact]
    public async Task Start_MissingSeedFolder_Exits2WithMessage()
    {
        var (exitCode, output, error) = await RunAsync("--seed", Path.Combine(_folder, "nonexistent"));

        Assert.Equal(2, exitCode);
        Assert.Contains("Sandbox:Seed", error);
        AssertNoStackTrace(output + error);
    }

    [Fact]
    public async Task Start_DataPathIsFile_Exits1WithMessage()
    {
        var file = Path.Combine(_folder, "file.txt");
        await File.WriteAllTextAsync(file, "not a folder");

        var (exitCode, output, error) = await RunAsync("--data", Path.Combine(file, "data"));

        Assert.Equal(1, exitCode);
        Assert.Contains("The sandbox could not start:", error);
        AssertNoStackTrace(output + error);
    }

    [Fact]
    public async Task Start_PortInUse_Exits1WithMessage()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var (exitCode, output, error) = await RunAsync("--urls", $"http://127.0.0.1:{port}", "--data", Path.Combine(_folder, "data"));

        Assert.Equal(1, exitCode);
        Assert.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), error);
        AssertNoStackTrace(output + error);
    }

    [Fact]
    public async Task Start_UnknownArgument_Exits2WithMessage()
    {
        var (exitCode, output, error) = await RunAsync("-seed", "empty");

        Assert.Equal(2, exitCode);
        Assert.Contains("'-seed'", error);
        AssertNoStackTrace(output + error);
    }

    [Theory]
    [InlineData("--ephmeral")]
    [InlineData("--open-fhri")]
    [InlineData("--bogus-flag")]
    public async Task Start_UnknownOption_Exits2WithMessage(string option)
    {
        var (exitCode, output, error) = await RunAsync("--data", Path.Combine(_folder, "data"), option);

        Assert.Equal(2, exitCode);
        Assert.Contains($"Unknown option '{option}'", error);
        Assert.Contains("--help", error);
        AssertNoStackTrace(output + error);
        Assert.False(Directory.Exists(Path.Combine(_folder, "data")));
    }

    [Fact]
    public async Task Start_LastOptionWithoutValue_Exits2WithMessage()
    {
        // The option must come last, so this test does not go through RunAsync, which appends
        // the log level. A sandbox that ignored the option would run until the timeout.
        var (exitCode, output, error) = await HostProcess.RunAsync(
            TimeSpan.FromSeconds(30),
            "--ephemeral", "--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default", "Warning", "--seed");

        Assert.Equal(2, exitCode);
        Assert.Contains("The option '--seed' has no value", error);
        Assert.Contains("--help", error);
        AssertNoStackTrace(output + error);
    }

    [Fact]
    public async Task Start_InvalidConfiguredPersona_ExitsWithMessage()
    {
        var (exitCode, output, error) = await RunAsync(
            "--ephemeral",
            "--urls", "http://127.0.0.1:0",
            "--Auth:Personas:0:Username", "cfg",
            "--Auth:Personas:0:DisplayName", "Configured",
            "--Auth:Personas:0:Role", "Practitioner",
            "--Auth:Personas:0:FhirUser", "Patient/p-1");

        Assert.Equal(1, exitCode);
        Assert.Contains("The sandbox could not start: Persona 'cfg' has fhirUser 'Patient/p-1'", error);
        AssertNoStackTrace(output + error);
    }

    [Theory]
    [InlineData("--Auth:LooseClients", "Maybe", "Valid values: Auto, On, Off.")]
    [InlineData("--Fhir:MaxRequestBodySize", "abc", "whole number")]
    [InlineData("--Sandbox:SeedReferenceDate", "2026-13-45", "yyyy-MM-dd")]
    public async Task Start_InvalidValue_Exits2NamingKey(string option, string value, string expectation)
    {
        var (exitCode, output, error) = await RunAsync("--ephemeral", option, value);

        Assert.Equal(2, exitCode);
        Assert.Contains($"{option[2..]} has the invalid value '{value}'", error);
        Assert.Contains(expectation, error);
        AssertNoStackTrace(output + error);
    }

    [Fact]
    public async Task ImportVerb_BadFile_Exits1WithoutCrash()
    {
        var file = Path.Combine(_folder, "bad.ndjson");
        await File.WriteAllTextAsync(file, "[]\n{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"\\ud800\"}]}\n");

        var (exitCode, output, error) = await RunAsync("import", file, "--data", Path.Combine(_folder, "data"));

        Assert.Equal(1, exitCode);
        Assert.Contains("Line 1", output);
        AssertNoStackTrace(output + error);
    }

    [Fact]
    public async Task ImportVerb_DataPathIsFile_Exits1()
    {
        var file = Path.Combine(_folder, "patient.json");
        await File.WriteAllTextAsync(file, "{\"resourceType\":\"Patient\"}");

        var (exitCode, output, error) = await RunAsync("import", file, "--data", Path.Combine(file, "data"));

        Assert.Equal(1, exitCode);
        Assert.Contains("The import failed:", error);
        AssertNoStackTrace(output + error);
    }

    [Theory]
    [InlineData("--bogus", "x")]
    [InlineData("--ephmeral", "true")]
    [InlineData("--bogus=x", null)]
    public async Task ImportVerb_UnknownOption_Exits2WithMessage(string option, string? value)
    {
        var file = Path.Combine(_folder, "patient.json");
        await File.WriteAllTextAsync(file, "{\"resourceType\":\"Patient\",\"id\":\"p-1\"}");
        string[] arguments = value is null ? [option] : [option, value];

        var (exitCode, output, error) = await RunAsync(["import", file, "--data", Path.Combine(_folder, "data"), .. arguments]);

        Assert.Equal(2, exitCode);
        Assert.Contains($"Unknown option '{option.Split('=')[0]}'", error);
        Assert.DoesNotContain("Imported", output);
        AssertNoStackTrace(output + error);
    }

    [Fact]
    public async Task ImportVerb_OptionWithEquals_SetsDataFolder()
    {
        var file = Path.Combine(_folder, "patient.json");
        await File.WriteAllTextAsync(file, "{\"resourceType\":\"Patient\",\"id\":\"p-1\"}");
        var data = Path.Combine(_folder, "data");

        var (exitCode, output, error) = await RunAsync("import", file, $"--data={data}");

        Assert.Equal(0, exitCode);
        Assert.Contains($"into {data}", output);
        AssertNoStackTrace(output + error);
    }

    [Theory]
    [InlineData("--bogus", "x")]
    [InlineData("--ephmeral", "true")]
    [InlineData("--bogus=x", null)]
    public async Task ReindexVerb_UnknownOption_Exits2WithMessage(string option, string? value)
    {
        string[] arguments = value is null ? [option] : [option, value];

        var (exitCode, output, error) = await RunAsync(["reindex", "--data", Path.Combine(_folder, "data"), .. arguments]);

        Assert.Equal(2, exitCode);
        Assert.Contains($"Unknown option '{option.Split('=')[0]}'", error);
        Assert.DoesNotContain("Re-indexed", output);
        AssertNoStackTrace(output + error);
    }

    [Fact]
    public async Task ReindexVerb_OptionWithEquals_SetsDataFolder()
    {
        var data = Path.Combine(_folder, "data");

        var (exitCode, output, error) = await RunAsync("reindex", $"--data={data}");

        Assert.Equal(0, exitCode);
        Assert.Contains($"in {data}", output);
        AssertNoStackTrace(output + error);
    }

    [Fact]
    public async Task Start_InterruptedDuringSeedImport_ExitsCleanly()
    {
        // A seed folder that takes seconds to import keeps the start running after Kestrel
        // listens, so the interrupt arrives while the start waits for the seed.
        var seed = Directory.CreateDirectory(Path.Combine(_folder, "seed")).FullName;
        var lines = Enumerable.Range(0, 60_000).Select(index => $"{{\"resourceType\":\"Patient\",\"id\":\"seed-{index}\"}}");
        await File.WriteAllLinesAsync(Path.Combine(seed, "patients.ndjson"), lines);
        using var process = await HostProcess.StartAsync(
            "Now listening on",
            Timeout,
            "--urls", "http://127.0.0.1:0", "--data", Path.Combine(_folder, "data"), "--seed", seed,
            "--Logging:LogLevel:Default", "Warning", "--Logging:LogLevel:Microsoft.Hosting.Lifetime", "Information");

        var (exitCode, output, error) = await HostProcess.InterruptAsync(process, Timeout);

        Assert.Equal(0, exitCode);
        Assert.Contains("The sandbox stopped before it finished starting.", error);
        Assert.DoesNotContain("Application started", output);
        AssertNoStackTrace(output + error);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments) =>
        HostProcess.RunAsync(Timeout, [.. arguments, "--Logging:LogLevel:Default", "Warning"]);

    private static void AssertNoStackTrace(string text)
    {
        Assert.DoesNotContain("Unhandled exception", text);
        Assert.DoesNotContain("   at ", text);
    }
}
