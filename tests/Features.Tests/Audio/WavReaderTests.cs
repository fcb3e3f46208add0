using System.Buffers.Binary;
using Cbvr.Features.Audio;
using Cbvr.Tests;

namespace Cbvr.Features.Tests.Audio;

public sealed class WavReaderTests
{
    [Fact]
    public async Task FfmpegFloatWavMatchesTheSameAudioAsPcm16()
    {
        var f32 = await TestAudio.GenerateAsync("sine=frequency=440:sample_rate=16000", 1.5, "sine440-f32");
        var pcm16 = Path.Combine(TestMedia.NewFolder(), "sine.wav");
        await TestMedia.FfmpegAsync("-i", f32, "-c:a", "pcm_s16le", pcm16);

        var a = WavReader.Read(f32);
        var b = WavReader.Read(pcm16);
        Assert.Equal(16000, a.SampleRate);
        Assert.Equal(24000, a.Samples.Length);
        Assert.Equal(a.Samples.Length, b.Samples.Length);
        Assert.Equal(1.5, a.DurationSeconds, 6);
        Assert.InRange(a.Samples.Max(), 0.12f, 0.13f); // lavfi sine has amplitude 1/8
        for (var i = 0; i < a.Samples.Length; i++)
        {
            Assert.True(Math.Abs(a.Samples[i] - b.Samples[i]) < 1e-4, $"sample {i}: {a.Samples[i]} vs {b.Samples[i]}");
        }
    }

    [Fact]
    public void PlainFloatAndStereoPcm16AreReadAndAveraged()
    {
        var folder = TestMedia.NewFolder();
        var floatPath = Path.Combine(folder, "float.wav");
        File.WriteAllBytes(floatPath, Wav(3, 1, 32, [.. new[] { 0.5f, -0.25f, 1f }.SelectMany(BitConverter.GetBytes)]));
        Assert.Equal([0.5f, -0.25f, 1f], WavReader.Read(floatPath).Samples);

        var stereoPath = Path.Combine(folder, "stereo.wav");
        short[] stereo = [16384, 0, -32768, -32768];
        File.WriteAllBytes(stereoPath, Wav(1, 2, 16, [.. stereo.SelectMany(BitConverter.GetBytes)]));
        Assert.Equal([0.25f, -1f], WavReader.Read(stereoPath).Samples);
    }

    [Fact]
    public void ADataChunkLongerThanTheFileIsReadToTheEnd()
    {
        var path = Path.Combine(TestMedia.NewFolder(), "cut.wav");
        var bytes = Wav(1, 1, 16, [.. new short[] { 100, 200, 300 }.SelectMany(BitConverter.GetBytes)]);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(40), 1_000_000);
        File.WriteAllBytes(path, bytes[..^1]); // the last sample is cut in half
        Assert.Equal(2, WavReader.Read(path).Samples.Length);
    }

    [Theory]
    [InlineData("not a wav file at all", "not a RIFF/WAVE file")]
    [InlineData("", "not a RIFF/WAVE file")]
    public void NonWavInputIsAnErrorNamingTheFile(string content, string why)
    {
        var path = Path.Combine(TestMedia.NewFolder(), "bad.wav");
        File.WriteAllText(path, content);
        var error = Assert.Throws<InvalidDataException>(() => WavReader.Read(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnsupportedSampleFormatIsNamed()
    {
        var path = Path.Combine(TestMedia.NewFolder(), "u8.wav");
        File.WriteAllBytes(path, Wav(1, 1, 8, [1, 2, 3]));
        var error = Assert.Throws<InvalidDataException>(() => WavReader.Read(path));
        Assert.Contains("8 bits", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrittenPcm16IsReadBack()
    {
        var path = Path.Combine(TestMedia.NewFolder(), "w.wav");
        float[] a = [0f, 0.5f], b = [-0.5f, 2f];
        WavWriter.WritePcm16(path, 16000, [a, b]);
        var audio = WavReader.Read(path);
        Assert.Equal(16000, audio.SampleRate);
        Assert.Equal([0f, 0.5f, -0.5f, 1f], audio.Samples.Select(s => MathF.Round(s, 3)));
    }

    /// <summary>A minimal WAV file: RIFF header, 16-byte fmt chunk, data chunk.</summary>
    private static byte[] Wav(short format, short channels, short bits, byte[] data)
    {
        var bytes = new byte[44 + data.Length];
        var s = bytes.AsSpan();
        "RIFF"u8.CopyTo(s);
        BinaryPrimitives.WriteInt32LittleEndian(s[4..], 36 + data.Length);
        "WAVEfmt "u8.CopyTo(s[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(s[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(s[20..], format);
        BinaryPrimitives.WriteInt16LittleEndian(s[22..], channels);
        BinaryPrimitives.WriteInt32LittleEndian(s[24..], 16000);
        BinaryPrimitives.WriteInt32LittleEndian(s[28..], 16000 * channels * bits / 8);
        BinaryPrimitives.WriteInt16LittleEndian(s[32..], (short)(channels * bits / 8));
        BinaryPrimitives.WriteInt16LittleEndian(s[34..], bits);
        "data"u8.CopyTo(s[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(s[40..], data.Length);
        data.CopyTo(s[44..]);
        return bytes;
    }
}
