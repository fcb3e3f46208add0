using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Cbvr.Features.Audio;

/// <summary>Samples read from a WAV file: mono floats in [-1,1] (channels averaged) and their rate.</summary>
public sealed record WavAudio(float[] Samples, int SampleRate)
{
    public double DurationSeconds => (double)Samples.Length / SampleRate;
}

/// <summary>
/// Reads the ingest's <c>audio.wav</c> (ffmpeg <c>-c:a pcm_f32le -f wav</c>: IEEE float in a WAVE_FORMAT_EXTENSIBLE header)
/// and also plain IEEE float and 16-bit PCM WAV files. Several channels are averaged to mono; the rate is kept as it is.
/// A data chunk whose size is unset or larger than the file (a writer that was stopped) is read up to the end of the file.
/// </summary>
public static class WavReader
{
    private const ushort FormatPcm = 1;
    private const ushort FormatIeeeFloat = 3;
    private const ushort FormatExtensible = 0xFFFE;
    private const int ChunkBytes = 64 * 1024;

    /// <summary>Reads <paramref name="path"/>; throws <see cref="InvalidDataException"/> naming the file when it is not a WAV file it reads.</summary>
    public static WavAudio Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        return Read(stream, path);
    }

    /// <summary>Reads a WAV file from <paramref name="stream"/>; <paramref name="name"/> is used in error messages.</summary>
    public static WavAudio Read(Stream stream, string name)
    {
        Span<byte> header = stackalloc byte[12];
        if (!TryFill(stream, header) || !header[..4].SequenceEqual("RIFF"u8) || !header[8..].SequenceEqual("WAVE"u8))
        {
            throw Bad(name, header[..4].SequenceEqual("RF64"u8) ? "RF64 (over 4 GiB) WAV files are not supported" : "not a RIFF/WAVE file");
        }

        Format? format = null;
        Span<byte> chunk = stackalloc byte[8];
        while (TryFill(stream, chunk))
        {
            var id = chunk[..4];
            var size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
            if (id.SequenceEqual("fmt "u8))
            {
                format = ReadFormat(stream, size, name);
            }
            else if (id.SequenceEqual("data"u8))
            {
                var fmt = format ?? throw Bad(name, "the data chunk comes before the fmt chunk");
                return new WavAudio(ReadData(stream, fmt, size, name), fmt.SampleRate);
            }
            else
            {
                Skip(stream, size + (size & 1), name);
            }
        }

        throw Bad(name, format is null ? "no fmt chunk" : "no data chunk");
    }

    private sealed record Format(ushort Code, int Channels, int SampleRate, int BitsPerSample, int BlockAlign);

    private static Format ReadFormat(Stream stream, uint size, string name)
    {
        if (size is < 16 or > 1024)
        {
            throw Bad(name, $"fmt chunk of {size} bytes");
        }

        Span<byte> fmt = stackalloc byte[(int)size + (int)(size & 1)];
        if (!TryFill(stream, fmt))
        {
            throw Bad(name, "truncated fmt chunk");
        }

        var code = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        var channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
        var rate = BinaryPrimitives.ReadInt32LittleEndian(fmt[4..]);
        var blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(fmt[12..]);
        var bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
        if (code == FormatExtensible)
        {
            // cbSize(2) validBits(2) channelMask(4) then the sub-format GUID, whose first two bytes are the format code.
            code = size >= 40 ? BinaryPrimitives.ReadUInt16LittleEndian(fmt[24..]) : throw Bad(name, "extensible fmt chunk without a sub-format");
        }

        var supported = (code == FormatPcm && bits == 16) || (code == FormatIeeeFloat && bits == 32);
        if (!supported)
        {
            throw Bad(name, $"unsupported sample format (code {code}, {bits} bits); expected 16-bit PCM or 32-bit float");
        }

        if (channels == 0 || rate <= 0 || blockAlign != channels * bits / 8)
        {
            throw Bad(name, $"inconsistent fmt chunk ({channels} channels, {rate} Hz, block {blockAlign})");
        }

        return new Format(code, channels, rate, bits, blockAlign);
    }

    private static float[] ReadData(Stream stream, Format format, uint declared, string name)
    {
        long bytes = declared;
        if (stream.CanSeek && (declared == 0 || declared == uint.MaxValue || stream.Position + declared > stream.Length))
        {
            bytes = stream.Length - stream.Position;
        }

        var frames = bytes / format.BlockAlign;
        if (frames > Array.MaxLength)
        {
            throw Bad(name, "too long to read into memory");
        }

        var samples = new float[frames];
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes - (ChunkBytes % format.BlockAlign));
        try
        {
            var done = 0L;
            while (done < frames)
            {
                var want = (int)Math.Min(frames - done, buffer.Length / format.BlockAlign);
                var span = buffer.AsSpan(0, want * format.BlockAlign);
                if (!TryFill(stream, span))
                {
                    throw Bad(name, $"data ends after {done} of {frames} sample frames");
                }

                Convert(span, format, samples.AsSpan((int)done, want));
                done += want;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return samples;
    }

    /// <summary>Converts whole sample frames to mono floats (the host is little-endian, as WAV is).</summary>
    private static void Convert(ReadOnlySpan<byte> data, Format format, Span<float> destination)
    {
        var channels = format.Channels;
        if (format.Code == FormatIeeeFloat)
        {
            var floats = MemoryMarshal.Cast<byte, float>(data);
            if (channels == 1)
            {
                floats.CopyTo(destination);
                return;
            }

            for (var i = 0; i < destination.Length; i++)
            {
                var sum = 0f;
                for (var c = 0; c < channels; c++)
                {
                    sum += floats[(i * channels) + c];
                }

                destination[i] = sum / channels;
            }

            return;
        }

        var shorts = MemoryMarshal.Cast<byte, short>(data);
        var scale = 1f / (32768f * channels);
        for (var i = 0; i < destination.Length; i++)
        {
            var sum = 0;
            for (var c = 0; c < channels; c++)
            {
                sum += shorts[(i * channels) + c];
            }

            destination[i] = sum * scale;
        }
    }

    private static bool TryFill(Stream stream, Span<byte> buffer) => stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) == buffer.Length;

    private static void Skip(Stream stream, long bytes, string name)
    {
        if (stream.CanSeek)
        {
            if (stream.Position + bytes > stream.Length)
            {
                throw Bad(name, "a chunk runs past the end of the file");
            }

            stream.Seek(bytes, SeekOrigin.Current);
            return;
        }

        Span<byte> sink = stackalloc byte[4096];
        while (bytes > 0)
        {
            var n = stream.Read(sink[..(int)Math.Min(bytes, sink.Length)]);
            if (n == 0)
            {
                throw Bad(name, "a chunk runs past the end of the file");
            }

            bytes -= n;
        }
    }

    private static InvalidDataException Bad(string name, string why) => new($"{name}: cannot read as WAV audio: {why}");
}
