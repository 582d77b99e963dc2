using Sandbox.FhirStore.Import;

namespace Sandbox.Host;

/// <summary>
/// A one-line progress bar on standard error, redrawn as resources commit, with one summary
/// line per finished file on standard output. Without a terminal only the summaries print.
/// </summary>
internal sealed class ConsoleProgressBar(int fileCount) : IProgress<ImportProgress>
{
    private const int Width = 30;

    private readonly bool _isInteractive = !Console.IsErrorRedirected;
    private int _filesDone;
    private int _resources;

    public void Report(ImportProgress value)
    {
        _resources += value.Resources;
        Draw();
    }

    public void CompleteFile(ImportFileResult result)
    {
        _filesDone++;
        ClearLine();
        var status = result.Errors == 0 ? "ok" : $"{result.Errors} errors";
        Console.WriteLine($"  {result.Name}: {result.Resources} resources in {result.Elapsed.TotalSeconds:F2} s, {status}");
        foreach (var message in result.Messages)
            Console.WriteLine($"    {message}");

        Draw();
    }

    private void Draw()
    {
        if (!_isInteractive)
            return;

        var filled = fileCount == 0 ? Width : Width * _filesDone / fileCount;
        var bar = new string('#', filled) + new string('-', Width - filled);
        Console.Error.Write($"\r[{bar}] {_filesDone}/{fileCount} files, {_resources} resources");
    }

    private void ClearLine()
    {
        if (_isInteractive)
            Console.Error.Write("\r" + new string(' ', Width + 50) + "\r");
    }
}
