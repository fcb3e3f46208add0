namespace Cbvr.Api.Tests;

/// <summary>Whether the tests run as root, and the <c>setpriv</c> that takes root's power to read any file away.</summary>
public static class Privileges
{
    public const string Setpriv = "/usr/bin/setpriv";

    /// <summary>True when the effective user id is 0 (then chmod 000 does not stop reads).</summary>
    public static bool IsRoot { get; } = Environment.UserName == "root" || EffectiveUid() == 0;

    public static void RequireSetpriv()
    {
        if (!File.Exists(Setpriv))
        {
            throw new InvalidOperationException($"{Setpriv} is missing: the tests run as root and need it to drop CAP_DAC_OVERRIDE (scripts/setup.sh test installs util-linux)");
        }
    }

    private static int EffectiveUid()
    {
        // "Uid:\treal\teffective\tsaved\tfs"
        var line = File.Exists("/proc/self/status") ? File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal)) : null;
        var fields = line?.Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
        return fields is { Length: > 2 } && int.TryParse(fields[2], System.Globalization.CultureInfo.InvariantCulture, out var uid) ? uid : -1;
    }
}
