using System.Buffers;
using System.Buffers.Binary;

namespace Cbvr.Features.Audio;

/// <summary>Writes mono 16-bit PCM WAV files (what speech recognisers such as pocketsphinx read), clipping to [-1,1].</summary>
public static class WavWriter
{
    /// <summary>Writes the concatenation of <paramref name="parts"/> (each a span of samples) as one mono 16-bit PCM file.</summary>
    public static void WritePcm16(string path, int sampleRate, IReadOnlyList<ReadOnlyMemory<float>> parts)
    {
        var total = parts.Sum(p => (long)p.Length);
        if (total * 2 > int.MaxValue - 44)
        {
            throw new ArgumentException($"{path}: {total} samples are too many for one WAV file", nameof(parts));
        }

        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024);
        Span<byte> header = stackalloc byte[44];
        var dataBytes = (int)(total * 2);
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], 36 + dataBytes);
        "WAVEfmt "u8.CopyTo(header[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(header[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(header[22..], 1);
        BinaryPrimitives.WriteInt32LittleEndian(header[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(header[28..], sampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(header[32..], 2);
        BinaryPrimitives.WriteInt16LittleEndian(header[34..], 16);
        "data"u8.CopyTo(header[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(header[40..], dataBytes);
        stream.Write(header);

        const int block = 8192;
        var buffer = ArrayPool<byte>.Shared.Rent(block * 2);
        try
        {
            foreach (var part in parts)
            {
                for (var start = 0; start < part.Length; start += block)
                {
                    var samples = part.Span.Slice(start, Math.Min(block, part.Length - start));
                    for (var i = 0; i < samples.Length; i++)
                    {
                        var value = (short)Math.Round(Math.Clamp(samples[i], -1f, 1f) * 32767f);
                        BinaryPrimitives.WriteInt16LittleEndian(buffer.AsSpan(i * 2), value);
                    }

                    stream.Write(buffer, 0, samples.Length * 2);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
