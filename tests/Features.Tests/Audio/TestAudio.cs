using System.Globalization;
using Cbvr.Features.Audio;
using Cbvr.Tests;

namespace Cbvr.Features.Tests.Audio;

/// <summary>Real audio for the audio tests: ffmpeg-made 16 kHz mono float WAV files, cached for the test run.</summary>
internal static class TestAudio
{
    public const string LibriVox = "/usr/share/pocketsphinx/test/data/librivox";

    /// <summary>One of pocketsphinx-testdata's LibriVox utterances (16 kHz, 16-bit PCM).</summary>
    public static string LibriVoxClip(string id) => Path.Combine(LibriVox, $"sense_and_sensibility_01_austen_64kb-{id}.wav");

    /// <summary>The audio of <paramref name="media"/> as the ingest writes it: 16 kHz mono pcm_f32le WAV.</summary>
    public static Task<string> ExtractAsync(string media, string name) =>
        TestMedia.CachedAsync(name + ".wav", path => TestMedia.FfmpegAsync("-i", media, "-vn", "-ac", "1", "-ar", "16000", "-c:a", "pcm_f32le", "-f", "wav", path));

    /// <summary>A lavfi audio source (e.g. <c>sine=frequency=440</c>) as 16 kHz mono pcm_f32le WAV of <paramref name="seconds"/>.</summary>
    public static Task<string> GenerateAsync(string source, double seconds, string name) =>
        TestMedia.CachedAsync(name + ".wav", path => TestMedia.FfmpegAsync(
            "-f", "lavfi", "-t", seconds.ToString(CultureInfo.InvariantCulture), "-i", source,
            "-ac", "1", "-ar", "16000", "-c:a", "pcm_f32le", "-f", "wav", path));

    public static async Task<float[]> SamplesAsync(Task<string> wav)
    {
        var audio = WavReader.Read(await wav);
        Assert.Equal(16000, audio.SampleRate);
        return audio.Samples;
    }
}
