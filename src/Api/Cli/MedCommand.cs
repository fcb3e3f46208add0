using System.CommandLine;
using Cbvr.Search.Queries;

namespace Cbvr.Api.Cli;

/// <summary><c>cbvr med ...</c>: TRECVID MED evaluation: runs on an event kit, submission files, scoring as NIST's F4DE does.</summary>
public static class MedCommand
{
    public static Command Create(Func<ParseResult, GlobalOptions> global)
    {
        var med = new Command("med", "TRECVID MED evaluation: run a kit's events, write MED14 submission files, score them as F4DE does");
        med.Subcommands.Add(MedRunCommand.Create(global));
        med.Subcommands.Add(MedScoreCommand.Create());
        med.Subcommands.Add(MedAvsCommand.Create(global));
        med.Subcommands.Add(MedBenchCommand.Create(global));
        return med;
    }

    /// <summary>Runs a kit verb: a bad kit (file, line, reason) exits 2, a search that cannot run exits 1, each with its message.</summary>
    internal static async Task<int> RunKitVerbAsync(Func<Task<int>> run)
    {
        try
        {
            return await run().ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            await Console.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
            return 2;
        }
        catch (SearchException e)
        {
            await Console.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
            return 1;
        }
    }
}
