using OpenCvSharp;

namespace Cbvr.Ingest.Shots;

/// <summary>Checks at start that OpenCV's native library loads, so a missing system library is one clear error, not a failure per video.</summary>
public static class NativeLibraries
{
    private static readonly Lazy<string> OpenCvVersion = new(() =>
    {
        try
        {
            return Cv2.GetVersionString() ?? "unknown";
        }
        catch (TypeInitializationException e)
        {
            var cause = e.InnerException?.Message ?? e.Message;
            var missing = cause.Split([':', ' '], StringSplitOptions.RemoveEmptyEntries).Where(w => w.StartsWith("lib", StringComparison.Ordinal) && w.Contains(".so", StringComparison.Ordinal) && !w.Contains("OpenCvSharpExtern", StringComparison.Ordinal)).Distinct();
            throw new InvalidOperationException(
                $"OpenCV's native library cannot be loaded (missing: {string.Join(", ", missing.DefaultIfEmpty("unknown"))}); run scripts/setup.sh to install the system libraries it needs",
                e);
        }
    });

    /// <summary>The OpenCV version; throws <see cref="InvalidOperationException"/> naming the missing system libraries.</summary>
    public static string EnsureOpenCv() => OpenCvVersion.Value;
}
