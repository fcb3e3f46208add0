using Microsoft.Playwright;

namespace Cbvr.Web.Tests.Support;

/// <summary>
/// How the tests launch a browser: Debian's <c>chromium</c> package (installed by <c>scripts/setup.sh test</c>), never a
/// browser that Playwright downloads. Playwright only brings its Node.js driver, which ships inside the NuGet package.
/// </summary>
public static class Chromium
{
    /// <summary>Environment variable that overrides <see cref="DefaultExecutable"/>.</summary>
    public const string ExecutableVariable = "CBVR_CHROMIUM";

    /// <summary>Where Debian's package puts the browser.</summary>
    public const string DefaultExecutable = "/usr/bin/chromium";

    /// <summary>The browser executable: <c>$CBVR_CHROMIUM</c> when set, else <see cref="DefaultExecutable"/>.</summary>
    public static string Executable =>
        Environment.GetEnvironmentVariable(ExecutableVariable) is { Length: > 0 } path ? path : DefaultExecutable;

    /// <summary>
    /// Flags for a headless browser that runs as root in a container or chroot: no sandbox (it refuses to start as root
    /// with one), no GPU, no /dev/shm (small or missing there: Chromium then crashes on shared memory), no calls home.
    /// </summary>
    public static IReadOnlyList<string> Arguments { get; } =
    [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-default-apps",
        "--disable-sync",
        "--no-first-run",
        "--metrics-recording-only",
        "--password-store=basic",
        "--use-mock-keychain",
    ];

    /// <summary>Starts the browser; the message says how to install it when it is missing.</summary>
    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        var executable = Executable;
        if (!File.Exists(executable))
        {
            throw new FileNotFoundException(
                $"Chromium not found at {executable}: run 'scripts/setup.sh test' (installs Debian's chromium) or set {ExecutableVariable} to a Chromium executable.",
                executable);
        }

        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = [.. Arguments],
            Timeout = 60_000,
        });
    }
}
