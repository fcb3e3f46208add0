using Cbvr.Detectors;
using Cbvr.Features.Audio;
using Cbvr.Ingest.Media;
using Cbvr.Tests;

namespace Cbvr.Detectors.Tests.Audio;

/// <summary>Real speech for the audio detector tests: flite's synthetic voice and pocketsphinx-testdata's LibriVox clips.</summary>
internal static class TestSpeech
{
    public const string ElephantSentence = "The elephant walked slowly across the dusty road.";

    /// <summary>The elephant sentence after 8 s of quiet noise and before 6 s of a tone.</summary>
    public static Task<(AudioTrack Track, double SpeechStart, double SpeechEnd)> ElephantAsync() => FliteAsync("elephant", ElephantSentence, 8, 6);

    /// <summary>One of pocketsphinx-testdata's LibriVox utterances (16 kHz, 16-bit PCM).</summary>
    public static string LibriVoxClip(string id) => $"/usr/share/pocketsphinx/test/data/librivox/sense_and_sensibility_01_austen_64kb-{id}.wav";

    /// <summary>
    /// <paramref name="before"/> seconds of quiet pink noise, <paramref name="text"/> spoken by flite's <c>slt</c> voice, then
    /// <paramref name="after"/> seconds of a 440 Hz tone, as 16 kHz mono float WAV; returns the track and the speech span.
    /// </summary>
    public static async Task<(AudioTrack Track, double SpeechStart, double SpeechEnd)> FliteAsync(string name, string text, double before, double after)
    {
        var path = await TestMedia.CachedAsync(name + ".wav", async path =>
        {
            var raw = Path.Combine(TestMedia.NewFolder(), "flite.wav");
            var flite = await ExternalProcess.RunAsync("flite", ["-voice", "slt", "-t", text, "-o", raw], TimeSpan.FromMinutes(1), CancellationToken.None);
            Assert.True(flite.ExitCode == 0, string.Join('\n', flite.StandardError));
            var inv = System.Globalization.CultureInfo.InvariantCulture;
            await TestMedia.FfmpegAsync(
                "-f", "lavfi", "-t", before.ToString(inv), "-i", "anoisesrc=color=pink:amplitude=0.01:seed=5:sample_rate=16000",
                "-i", raw,
                "-f", "lavfi", "-t", after.ToString(inv), "-i", "sine=frequency=440:sample_rate=16000",
                "-filter_complex", "[1]aresample=16000,aformat=channel_layouts=mono[s];[0][s][2]concat=n=3:v=0:a=1",
                "-ac", "1", "-ar", "16000", "-c:a", "pcm_f32le", "-f", "wav", path);
        });
        var track = Load(path);
        return (track, before, track.DurationSeconds - after);
    }

    public static AudioTrack Load(string path)
    {
        var audio = WavReader.Read(path);
        return new AudioTrack(audio.Samples, audio.SampleRate, path);
    }

    /// <summary>A detection input of <paramref name="track"/> with shots cut at <paramref name="cuts"/> (no keyframes).</summary>
    public static DetectionInput Input(AudioTrack? track, double duration, params double[] cuts)
    {
        double[] bounds = [0, .. cuts, duration];
        var shots = Enumerable.Range(0, bounds.Length - 1).Select(i => new ShotInput(i, bounds[i], bounds[i + 1], null, null)).ToList();
        return new DetectionInput("test", track?.Path ?? "none", duration, shots, track);
    }
}
