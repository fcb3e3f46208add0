using System.Buffers;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Cbvr.Ingest.Media;

namespace Cbvr.Ingest.Decode;

/// <summary>
/// Decodes sampled frames with one ffmpeg process: raw BGR24 frames stream through a pipe into pooled buffers
/// (a small bounded queue lets ffmpeg decode ahead while the consumer works); audio, when planned, goes to a file.
/// </summary>
public sealed class FrameDecoder(FfmpegTools tools)
{
    /// <summary>Frames decoded ahead of the consumer.</summary>
    private const int ReadAhead = 4;

    /// <summary>Starts ffmpeg for <paramref name="plan"/>. Read the frames, then call <see cref="DecodeSession.CompleteAsync"/>.</summary>
    public DecodeSession Start(DecodePlan plan, TimeSpan timeout, CancellationToken cancellationToken) =>
        new(ExternalProcess.Start(tools.FfmpegPath, plan.Arguments(), timeout, redirectStdout: true, cancellationToken), plan);

    /// <summary>One running decode.</summary>
    public sealed class DecodeSession : IAsyncDisposable
    {
        private readonly ExternalProcess _process;
        private readonly DecodePlan _plan;
        private int _frames;

        internal DecodeSession(ExternalProcess process, DecodePlan plan)
        {
            _process = process;
            _plan = plan;
        }

        /// <summary>Sampled frames in order. The receiver owns each frame and must dispose it to return its buffer.</summary>
        public async IAsyncEnumerable<VideoFrame> ReadFramesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var channel = Channel.CreateBounded<VideoFrame>(new BoundedChannelOptions(ReadAhead) { SingleReader = true, SingleWriter = true });
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var pump = PumpAsync(channel.Writer, stop.Token);
            try
            {
                await foreach (var frame in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    yield return frame;
                }
            }
            finally
            {
                await stop.CancelAsync().ConfigureAwait(false);
                try
                {
                    await pump.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // the consumer stopped early
                }

                while (channel.Reader.TryRead(out var left))
                {
                    left.Dispose();
                }
            }
        }

        /// <summary>Waits for ffmpeg to exit and reports what it decoded and the errors it printed.</summary>
        public async Task<DecodeResult> CompleteAsync(CancellationToken cancellationToken)
        {
            var exit = await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            return new DecodeResult(exit, _frames, _frames / _plan.FramesPerSecond, _process.StderrLines());
        }

        public ValueTask DisposeAsync() => _process.DisposeAsync();

        private async Task PumpAsync(ChannelWriter<VideoFrame> writer, CancellationToken cancellationToken)
        {
            var stream = _process.StandardOutput;
            var size = _plan.FrameBytes;
            try
            {
                while (true)
                {
                    var buffer = ArrayPool<byte>.Shared.Rent(size);
                    var read = await stream.ReadAtLeastAsync(buffer.AsMemory(0, size), size, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                    if (read < size)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        break;
                    }

                    var index = _frames++;
                    var frame = new VideoFrame(buffer, _plan.Width, _plan.Height, index, index / _plan.FramesPerSecond);
                    try
                    {
                        await writer.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
                    }
                    catch
                    {
                        frame.Dispose();
                        throw;
                    }
                }

                writer.TryComplete();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                writer.TryComplete(new IngestException($"reading decoded frames failed: {e.Message}", e));
            }
            finally
            {
                writer.TryComplete();
            }
        }
    }
}

/// <summary>What a decode produced.</summary>
public sealed record DecodeResult(int ExitCode, int FrameCount, double DecodedSeconds, IReadOnlyList<string> StderrLines);
