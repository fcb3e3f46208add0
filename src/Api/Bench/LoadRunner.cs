using System.Diagnostics;

namespace Cbvr.Api.Bench;

/// <summary>
/// Runs <c>clients</c> independent loops for a fixed time, each calling the queries in turn (starting at its own offset) and
/// recording every call's start, latency and outcome in its own buffer. A call returns null on success or the error message.
/// </summary>
public static class LoadRunner
{
    public static async Task<IReadOnlyList<SampleBuffer>> RunAsync(
        int clients,
        TimeSpan duration,
        int queries,
        Func<int, CancellationToken, ValueTask<string?>> call,
        Stopwatch clock,
        ErrorLog errors,
        CancellationToken cancellationToken)
    {
        var end = clock.ElapsedTicks + (long)(duration.TotalSeconds * Stopwatch.Frequency);

        // Room for ~2000 requests per second per client without growing; the buffers are filled before the clients start.
        var capacity = (int)Math.Min(1 << 20, Math.Max(1024, duration.TotalSeconds * 2000 / clients));
        var buffers = Enumerable.Range(0, clients).Select(_ => new SampleBuffer(capacity)).ToArray();
        var loops = new Task[clients];
        for (var c = 0; c < clients; c++)
        {
            var buffer = buffers[c];
            var first = (int)((long)c * queries / clients);
            loops[c] = Task.Run(() => LoopAsync(buffer, first, end, queries, call, clock, errors, cancellationToken), cancellationToken);
        }

        await Task.WhenAll(loops).ConfigureAwait(false);
        return buffers;
    }

    private static async Task LoopAsync(
        SampleBuffer buffer, int first, long end, int queries, Func<int, CancellationToken, ValueTask<string?>> call, Stopwatch clock, ErrorLog errors, CancellationToken cancellationToken)
    {
        for (var i = first; !cancellationToken.IsCancellationRequested; i = (i + 1) % queries)
        {
            var start = clock.ElapsedTicks;
            if (start >= end)
            {
                return;
            }

            string? error;
            try
            {
                error = await call(i, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                error = e.GetType().Name + ": " + e.Message;
            }

            buffer.Add(new LoadSample(start, clock.ElapsedTicks - start, i, error is null));
            if (error is not null)
            {
                errors.Add(error);
            }
        }
    }
}
