using System.Globalization;
using Cbvr.Ingest.Media;
using Cbvr.Tests;

namespace Cbvr.Detectors.Tests.Codebooks;

/// <summary>Short test-pattern clips that differ only in their sound: tones, pink noise, and flite speech.</summary>
internal static class AudioClips
{
    public const double Seconds = 4;

    /// <summary>The clips: (name, path), each <see cref="Seconds"/> of testsrc2 with its own audio, generated once per run.</summary>
    public static async Task<IReadOnlyList<(string Name, string Path)>> AllAsync() =>
    [
        ("tone-440", await WithAudioAsync("tone-440", ["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100"])),
        ("tone-1500", await WithAudioAsync("tone-1500", ["-f", "lavfi", "-i", "sine=frequency=1500:beep_factor=4:sample_rate=44100"])),
        ("pink-noise", await WithAudioAsync("pink-noise", ["-f", "lavfi", "-i", "anoisesrc=color=pink:amplitude=0.3:seed=11:sample_rate=44100"])),
        ("speech", await WithAudioAsync("speech", ["-i", await FliteAsync("Divers jump from the high board into the deep blue pool, one after another.")])),
    ];

    private static Task<string> WithAudioAsync(string name, string[] audioInput) => TestMedia.CachedAsync($"codebook-{name}.mp4", path =>
    {
        var seconds = Seconds.ToString(CultureInfo.InvariantCulture);
        return TestMedia.FfmpegAsync(
            [
                "-f", "lavfi", "-i", $"testsrc2=size=320x240:rate=25:duration={seconds}", .. audioInput,
                "-filter_complex", "[1:a]apad,aresample=44100[a]", "-map", "0:v", "-map", "[a]", "-t", seconds,
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", path,
            ]);
    });

    private static Task<string> FliteAsync(string text) => TestMedia.CachedAsync("codebook-flite.wav", async path =>
    {
        var flite = await ExternalProcess.RunAsync("flite", ["-voice", "slt", "-t", text, "-o", path], TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.True(flite.ExitCode == 0, "flite failed: " + string.Join('\n', flite.StandardError));
    });
}
