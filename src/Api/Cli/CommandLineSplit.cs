namespace Cbvr.Api.Cli;

/// <summary>
/// Separates configuration overrides (<c>--Section:Key=value</c>, ASP.NET's command-line form) from the verbs and options
/// of the command line, so a setting can never be taken for a file name.
/// </summary>
public static class CommandLineSplit
{
    public static (string[] Command, string[] Configuration) Split(IEnumerable<string> args)
    {
        var command = new List<string>();
        var configuration = new List<string>();
        foreach (var arg in args)
        {
            (IsSetting(arg) ? configuration : command).Add(arg);
        }

        return ([.. command], [.. configuration]);
    }

    /// <summary>A setting looks like <c>--Key:Sub=value</c> or <c>--key=value</c> for a key the verbs do not define.</summary>
    public static bool IsSetting(string arg)
    {
        if (!arg.StartsWith("--", StringComparison.Ordinal))
        {
            return false;
        }

        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0)
        {
            return false;
        }

        var key = arg[2..equals];
        return key.Contains(':', StringComparison.Ordinal) || key.Contains("__", StringComparison.Ordinal)
            || key is "environment" or "contentRoot" or "applicationName";
    }
}
