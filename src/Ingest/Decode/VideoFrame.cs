using System.Buffers;

namespace Cbvr.Ingest.Decode;

/// <summary>A decoded BGR24 frame in a pooled buffer; dispose it to return the buffer.</summary>
public sealed class VideoFrame : IDisposable
{
    private byte[]? _buffer;

    /// <summary>Wraps <paramref name="buffer"/> (rented from <see cref="ArrayPool{T}.Shared"/>; returned on dispose).</summary>
    public VideoFrame(byte[] buffer, int width, int height, int index, double timeSeconds)
    {
        _buffer = buffer;
        Width = width;
        Height = height;
        Index = index;
        TimeSeconds = timeSeconds;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Index among the sampled frames.</summary>
    public int Index { get; }

    /// <summary>Presentation time in seconds from the start of the video.</summary>
    public double TimeSeconds { get; }

    public ReadOnlySpan<byte> Pixels => _buffer.AsSpan(0, Width * Height * 3);

    internal byte[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(VideoFrame));

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } b)
        {
            ArrayPool<byte>.Shared.Return(b);
        }
    }
}
