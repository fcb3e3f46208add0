using System.CommandLine;

namespace Cbvr.Api.Cli;

/// <summary>The <c>cbvr</c> command line: verbs, shared options, and configuration overrides (<c>--Section:Key=value</c>).</summary>
public static class CbvrCommandLine
{
    /// <summary>Data directory option, shared by every verb.</summary>
    public static readonly Option<string?> Data = new("--data")
    {
        Description = "Data directory (default: $CBVR_DATA, else Storage:DataDirectory, else ./data)",
        Recursive = true,
    };

    /// <summary>Machine-readable output, on every listing verb.</summary>
    public static Option<bool> Json() => new("--json") { Description = "Print JSON instead of a table" };

    private static readonly Lazy<IReadOnlySet<string>> Names = new(() =>
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        Collect(Build([]), names);
        return names;
    });

    /// <summary>Every option name and alias of the command tree (what <see cref="CommandLineSplit"/> must leave to the verbs).</summary>
    public static IReadOnlySet<string> OptionNames => Names.Value;

    public static async Task<int> RunAsync(string[] args)
    {
        var (command, settings) = CommandLineSplit.Split(args);
        var configuration = new InvocationConfiguration { EnableDefaultExceptionHandler = false };
        try
        {
            return await Build(settings).Parse(command).InvokeAsync(configuration).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or Microsoft.Extensions.Options.OptionsValidationException or IOException or UnauthorizedAccessException or Cbvr.Features.Models.ModelException)
        {
            // Set-up and configuration problems: one line that says what to fix, no stack trace.
            await Console.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
            return 1;
        }
    }

    private static RootCommand Build(string[] settings)
    {
        var root = new RootCommand("Cbvr: content-based video retrieval. Settings: --Section:Key=value (e.g. --Ingest:FramesPerSecond=4).");
        root.Options.Add(Data);
        GlobalOptions Global(ParseResult r) => new(r.GetValue(Data), settings);

        var serve = ServeCommand.Create(Global);
        root.Subcommands.Add(serve);
        root.Subcommands.Add(IngestCommand.Create(Global));
        root.Subcommands.Add(ListCommands.Videos(Global));
        root.Subcommands.Add(ListCommands.Jobs(Global));
        root.Subcommands.Add(ContactCommand.Create(Global));
        root.Subcommands.Add(BenchCommand.Create(Global));
        root.Subcommands.Add(AnalysisCommands.Steps(Global));
        root.Subcommands.Add(AnalysisCommands.Reextract(Global));
        root.Subcommands.Add(CodebookCommands.Create(Global));
        root.Subcommands.Add(ConceptCommands.Create(Global));
        root.Subcommands.Add(SearchCommand.Create(Global));
        root.Subcommands.Add(QualityCommands.Fusion(Global));
        root.Subcommands.Add(DeleteCommand.Create(Global));
        root.Subcommands.Add(MedCommand.Create(Global));

        // No verb: serve (this is also how WebApplicationFactory starts the app in tests).
        root.SetAction((r, ct) => ServeCommand.RunAsync(Global(r), urls: null, demo: false, ct));
        return root;
    }

    private static void Collect(Command command, HashSet<string> names)
    {
        foreach (var option in command.Options)
        {
            names.Add(option.Name);
            names.UnionWith(option.Aliases);
        }

        foreach (var sub in command.Subcommands)
        {
            Collect(sub, names);
        }
    }
}
