namespace Cbvr.Api.Cli;

/// <summary>
/// Separates configuration overrides (<c>--Section:Key=value</c>, ASP.NET's command-line form) from the verbs and options
/// of the command line, so a setting can never be taken for a file name.
/// </summary>
public static class CommandLineSplit
{
    /// <summary>Splits with the option names of the cbvr command tree.</summary>
    public static (string[] Command, string[] Configuration) Split(IEnumerable<string> args) => Split(args, CbvrCommandLine.OptionNames);

    public static (string[] Command, string[] Configuration) Split(IEnumerable<string> args, IReadOnlySet<string> verbOptions)
    {
        var command = new List<string>();
        var configuration = new List<string>();
        foreach (var arg in args)
        {
            (IsSetting(arg, verbOptions) ? configuration : command).Add(arg);
        }

        return ([.. command], [.. configuration]);
    }

    public static bool IsSetting(string arg) => IsSetting(arg, CbvrCommandLine.OptionNames);

    /// <summary>
    /// A setting is <c>--key=value</c> whose key is not an option of the verbs (<c>--data=/x</c> stays with the verbs).
    /// Keys may name sections (<c>--Storage=</c>, as WebApplicationFactory passes them) or nested keys (<c>--Ingest:Shots:MinCutDistance=0.2</c>).
    /// </summary>
    public static bool IsSetting(string arg, IReadOnlySet<string> verbOptions)
    {
        if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length < 4)
        {
            return false;
        }

        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return equals > 2 && !verbOptions.Contains(arg[..equals]);
    }
}
