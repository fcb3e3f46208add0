using System.Text.Json;
using Cbvr.Tests;

namespace Cbvr.Api.Tests;

/// <summary>The outcome of one <c>cbvr</c> run.</summary>
public sealed record CliResult(int ExitCode, string StandardOutput, string StandardError, string WorkingDirectory)
{
    /// <summary>The <c>error: PATH: CAUSE</c> lines of stderr.</summary>
    public IReadOnlyList<string> ErrorLines =>
        [.. StandardError.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("error: ", StringComparison.Ordinal))];

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";
}

/// <summary>Runs the built <c>Cbvr.Api.dll</c> as a real child process (<c>dotnet Cbvr.Api.dll VERB ...</c>), never through a shell.</summary>
public static class Cli
{
    /// <summary>Default limit for one run; ingest of the test clips takes seconds.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The program under test: <c>artifacts/bin/Api/CONFIG/Cbvr.Api.dll</c> with CONFIG the folder this test assembly runs
    /// from (<c>artifacts/bin/Api.Tests/CONFIG/</c>), so debug tests run the debug build.
    /// </summary>
    public static string ApiDll { get; } = FindApiDll();

    /// <summary>The models the set-up fetched.</summary>
    public static string ModelsDirectory => Path.Combine(TestMedia.RepositoryRoot, ".cache", "models");

    /// <summary>The model pack beside the checkout, as on CI and development machines (empty when absent).</summary>
    public static string PackDirectory =>
        Path.GetFullPath(Path.Combine(TestMedia.RepositoryRoot, "..", "shared", "models")) is var pack && Directory.Exists(pack) ? pack : "";

    /// <summary>
    /// Environment that switches content analysis on (it is off for the other CLI tests), plus <paramref name="more"/> settings
    /// (e.g. <c>("Analysis__Disabled__0", "asr")</c>).
    /// </summary>
    public static Dictionary<string, string?> WithAnalysis(params (string Key, string? Value)[] more)
    {
        var env = new Dictionary<string, string?> { ["Analysis__Enabled"] = "true" };
        foreach (var (key, value) in more)
        {
            env[key] = value;
        }

        return env;
    }

    /// <summary>
    /// Starts <c>dotnet Cbvr.Api.dll</c> with <paramref name="arguments"/> in a fresh scratch working directory. CBVR_DATA and
    /// settings inherited from the test's environment are removed, so only <paramref name="environment"/> counts.
    /// With <paramref name="withoutFileReadOverride"/> and running as root, the program runs under <c>setpriv</c> without
    /// CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH, so file permissions apply to it as to any user (it keeps uid 0).
    /// </summary>
    public static ChildProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, bool withoutFileReadOverride = false)
    {
        var env = new Dictionary<string, string?>
        {
            ["CBVR_DATA"] = null,
            ["Storage__DataDirectory"] = null,
            ["Ingest__FramesPerSecond"] = null,
            ["Ingest__FrameShortSide"] = null,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["Models__Directory"] = ModelsDirectory,
            ["Models__PackDirectory"] = PackDirectory,

            // Content analysis is tested where it is the subject; elsewhere it would only slow the ingest tests down.
            ["Analysis__Enabled"] = "false",
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            env[key] = value;
        }

        var workingDirectory = TestMedia.NewFolder("cbvr-cwd-");
        if (withoutFileReadOverride && Privileges.IsRoot)
        {
            Privileges.RequireSetpriv();
            return ChildProcess.Start(
                Privileges.Setpriv,
                ["--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-dac_override,-dac_read_search", "--", "dotnet", ApiDll, .. arguments],
                workingDirectory,
                env,
                ownsWorkingDirectory: true);
        }

        // Restore SIGINT's default disposition: a test run started in the background by a non-interactive shell (as CI may
        // be) inherits SIGINT ignored, and a program rightly keeps ignoring it; a user's terminal delivers it.
        return ChildProcess.Start("env", ["--default-signal=INT", "dotnet", ApiDll, .. arguments], workingDirectory, env, ownsWorkingDirectory: true);
    }

    /// <summary>Runs to the end and returns the exit code and output.</summary>
    public static async Task<CliResult> RunAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, bool withoutFileReadOverride = false, TimeSpan? timeout = null)
    {
        using var child = Start(arguments, environment, withoutFileReadOverride);
        var exit = await child.WaitForExitAsync(timeout ?? DefaultTimeout);
        return new CliResult(exit, child.StandardOutput, child.StandardError, child.WorkingDirectory);
    }

    /// <summary>Runs a verb that must succeed; fails the test with the output otherwise.</summary>
    public static Task<CliResult> RunOkAsync(params string[] arguments) => RunOkAsync(arguments, null);

    /// <summary>Runs a verb that must succeed, with extra environment; fails the test with the output otherwise.</summary>
    public static async Task<CliResult> RunOkAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment)
    {
        var list = arguments.ToList();
        var result = await RunAsync(list, environment);
        Assert.True(result.ExitCode == 0, $"cbvr {string.Join(' ', list)} failed: {result}");
        return result;
    }

    /// <summary>Runs <c>VERB [ARGS] --json --data DIR</c>, which must succeed, and parses what it prints.</summary>
    public static async Task<JsonElement> JsonAsync(string dataDirectory, params string[] verbAndArguments)
    {
        var result = await RunOkAsync([.. verbAndArguments, "--json", "--data", dataDirectory], null);
        return JsonHelpers.Parse(result.StandardOutput);
    }

    /// <summary>Runs another program (no shell) and returns its exit code.</summary>
    public static async Task<int> RunProcessAsync(string fileName, params string[] arguments)
    {
        using var child = ChildProcess.Start(fileName, arguments, Path.GetTempPath(), new Dictionary<string, string?>());
        return await child.WaitForExitAsync(TimeSpan.FromSeconds(30));
    }

    private static string FindApiDll()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testOutput.Name;
        var bin = testOutput.Parent?.Parent?.FullName ?? throw new InvalidOperationException("unexpected test output folder " + testOutput.FullName);
        var dll = Path.Combine(bin, "Api", configuration, "Cbvr.Api.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} not found: build the solution (dotnet build tests/Api.Tests) before running the CLI tests");
        }

        return dll;
    }
}
