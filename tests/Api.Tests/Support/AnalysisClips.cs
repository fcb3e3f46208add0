using Cbvr.Ingest.Media;
using Cbvr.Tests;

namespace Cbvr.Api.Tests;

/// <summary>Clips whose content the analysis must find: the demo dog, on-screen text, and synthetic speech.</summary>
public static class AnalysisClips
{
    /// <summary>The words drawn on <see cref="TextClipAsync"/>.</summary>
    public const string OnScreenText = "OCEAN VIEW 2026";

    /// <summary>The sentence spoken in <see cref="SpeechClipAsync"/>.</summary>
    public const string Spoken = "the elephant is here";

    /// <summary>The demo clip of a white dog (1.6 s, 1920x1080, with audio).</summary>
    public static string Dog => Demo("VID_20191220_170832.mp4");

    /// <summary>A demo clip by file name; fails with the set-up step when it is missing.</summary>
    public static string Demo(string fileName) =>
        TestMedia.DemoClip(fileName) ?? throw new InvalidOperationException($"demo clip {fileName} missing: run scripts/setup.sh test first");

    /// <summary>3 s, 640x360, no audio: <see cref="OnScreenText"/> in white DejaVu Sans (where installed) on dark blue.</summary>
    public static Task<string> TextClipAsync() => TestMedia.CachedAsync("analysis-ocean-view-640x360.mp4", path =>
    {
        const string dejavu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
        var font = (File.Exists(dejavu) ? $"fontfile={dejavu}:" : "") + "fontcolor=white";
        var filter = $"color=c=0x203050:s=640x360:d=3:r=25,drawtext={font}:text='{OnScreenText}':fontsize=48:x=(w-text_w)/2:y=(h-text_h)/2";
        return TestMedia.FfmpegAsync("-f", "lavfi", "-i", filter, "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", path);
    });

    /// <summary>About 3.5 s of testsrc2 (320x240) with <see cref="Spoken"/> by flite's <c>slt</c> voice after 1 s of silence, AAC.</summary>
    public static Task<string> SpeechClipAsync() => TestMedia.CachedAsync("analysis-elephant-320x240.mp4", async path =>
    {
        var wav = Path.Combine(TestMedia.NewFolder("cbvr-flite-"), "speech.wav");
        var flite = await ExternalProcess.RunAsync("flite", ["-voice", "slt", "-t", Spoken, "-o", wav], TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.True(flite.ExitCode == 0, "flite failed (scripts/setup.sh test installs it): " + string.Join('\n', flite.StandardError));
        await TestMedia.FfmpegAsync(
            "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-i", wav,
            "-filter_complex", "[1]adelay=1000:all=1,apad=pad_dur=1[a]", "-map", "0:v", "-map", "[a]", "-shortest",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", path);
        Directory.Delete(Path.GetDirectoryName(wav)!, recursive: true);
    });

    /// <summary>
    /// Whether OCR output holds <paramref name="words"/>, compared case-insensitively with spaces removed (PP-OCR often
    /// reads a line without its spaces).
    /// </summary>
    public static bool ContainsText(string ocr, string words) =>
        Squeeze(ocr).Contains(Squeeze(words), StringComparison.OrdinalIgnoreCase);

    private static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
