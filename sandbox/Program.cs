using Sandbox.Host;

if (CommandLine.IsHelpRequested(args))
{
    Console.WriteLine(CommandLine.HelpText);
    return 0;
}

var app = SandboxApp.Build(CommandLine.ExpandFlags(args));
await app.RunAsync();
return 0;
