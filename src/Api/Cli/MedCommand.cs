using System.CommandLine;

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
}
