using Cbvr.Tests;

namespace Cbvr.Api.Tests;

/// <summary>A temp folder for one test, removed afterwards (permissions restored first, so chmod 000 files go too).</summary>
public sealed class Scratch : IDisposable
{
    public string Root { get; } = TestMedia.NewFolder("cbvr-api-test-");

    public string this[string name] => Path.Combine(Root, name);

    public void Dispose()
    {
        try
        {
            foreach (var file in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
            {
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }
            }

            Directory.Delete(Root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // leftovers in /tmp are harmless
        }
    }
}
