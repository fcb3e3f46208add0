using System.Text;
using Cbvr.Tests;
using Microsoft.Playwright;

namespace Cbvr.Web.Tests.Support;

/// <summary>
/// Screenshots as PNG files under artifacts/test-results/screenshots (test.sh empties artifacts/test-results when it starts
/// and keeps it after the run), to look at what the UI showed.
/// </summary>
public static class Screenshots
{
    /// <summary>The folder the screenshots go to.</summary>
    public static string Directory { get; } = Path.Combine(TestMedia.RepositoryRoot, "artifacts", "test-results", "screenshots");

    /// <summary>Saves the whole page as <c>NAME.png</c> (name reduced to letters, digits, '.', '-' and '_') and returns the path.</summary>
    public static async Task<string> SaveAsync(IPage page, string name)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, FileName(name) + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    private static string FileName(string name)
    {
        var file = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            file.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        }

        return file.Length == 0 ? "screenshot" : file.ToString();
    }
}
