using System.Diagnostics;

namespace Cbvr.Api.Bench;

/// <summary>Turns the clients' samples into counts, rates and latency percentiles: overall, per kind, per time window.</summary>
public static class LoadSummary
{
    /// <summary>The samples that <paramref name="include"/> accepts, as one line of statistics over <paramref name="seconds"/>.</summary>
    public static KindStats Of(string name, IReadOnlyList<SampleBuffer> buffers, Func<LoadSample, bool> include, double seconds)
    {
        var latencies = new List<double>();
        long errors = 0;
        foreach (var buffer in buffers)
        {
            foreach (var sample in buffer.Items)
            {
                if (include(sample))
                {
                    latencies.Add(sample.ElapsedTicks * 1000.0 / Stopwatch.Frequency);
                    errors += sample.Ok ? 0 : 1;
                }
            }
        }

        return new KindStats(name, latencies.Count, errors, seconds > 0 ? latencies.Count / seconds : 0, LatencyStats.Of([.. latencies]));
    }

    /// <summary>One line per kind of request, in order of first appearance in the mix.</summary>
    public static IReadOnlyList<KindStats> ByKind(IReadOnlyList<SampleBuffer> buffers, IReadOnlyList<BenchQuery> queries, double seconds) =>
        [.. queries.Select(q => q.Kind).Distinct(StringComparer.Ordinal).Select(kind => Of(kind, buffers, s => queries[s.Query].Kind == kind, seconds))];

    /// <summary>
    /// Requests that started before the ingest, while it ran, and after it ended (empty windows left out); each window's rate
    /// over its own length.
    /// </summary>
    public static IReadOnlyList<KindStats> Phases(IReadOnlyList<SampleBuffer> buffers, long loadStart, long loadEnd, long ingestStart, long ingestEnd)
    {
        var windows = new[] { ("before ingest", loadStart, Math.Min(ingestStart, loadEnd)), ("during ingest", ingestStart, Math.Min(ingestEnd, loadEnd)), ("after ingest", ingestEnd, loadEnd) };
        return [.. windows
            .Where(w => w.Item3 > w.Item2)
            .Select(w => Of(w.Item1, buffers, s => s.StartTicks >= w.Item2 && s.StartTicks < w.Item3, (w.Item3 - w.Item2) / (double)Stopwatch.Frequency))
            .Where(k => k.Requests > 0)];
    }
}
