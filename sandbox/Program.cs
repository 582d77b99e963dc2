using Sandbox.Host;

if (CommandLine.IsHelpRequested(args))
{
    Console.WriteLine(CommandLine.HelpText);
    return 0;
}

if (args.Length > 0 && args[0] == ImportCommand.Verb)
    return await ImportCommand.RunAsync(args[1..], CancellationToken.None);

if (args.Length > 0 && args[0] == ReindexCommand.Verb)
    return await ReindexCommand.RunAsync(args[1..], CancellationToken.None);

return await SandboxRunner.RunAsync(CommandLine.ExpandFlags(args));
