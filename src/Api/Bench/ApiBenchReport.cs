namespace Cbvr.Api.Bench;

/// <summary>What <c>cbvr bench api</c> measured: the HTTP load, its errors, the ingest that ran meanwhile, and the floors.</summary>
public sealed record ApiBenchReport(
    string Library,
    int Videos,
    double CopySeconds,
    int Clients,
    double Seconds,
    int RateLimit,
    int Cores,
    int Queries,
    long Requests,
    long Errors,
    double Throughput,
    LatencyStats Overall,
    IReadOnlyList<KindStats> Kinds,
    IReadOnlyList<KindStats> Phases,
    IReadOnlyList<string> ErrorMessages,
    IReadOnlyList<IngestOutcome> Ingest,
    BenchFloors Floors);

/// <summary>Requests of one kind (or one phase of the run): count, errors, rate and latency.</summary>
public sealed record KindStats(string Kind, long Requests, long Errors, double Throughput, LatencyStats Latency);

/// <summary>Latency percentiles in milliseconds (nearest rank).</summary>
public sealed record LatencyStats(long Count, double MeanMs, double P50Ms, double P90Ms, double P99Ms, double MaxMs)
{
    public static readonly LatencyStats Empty = new(0, 0, 0, 0, 0, 0);

    /// <summary>Statistics of <paramref name="milliseconds"/> (sorted in place).</summary>
    public static LatencyStats Of(double[] milliseconds)
    {
        if (milliseconds.Length == 0)
        {
            return Empty;
        }

        Array.Sort(milliseconds);
        return new LatencyStats(milliseconds.Length, milliseconds.Average(), Rank(milliseconds, 0.50), Rank(milliseconds, 0.90), Rank(milliseconds, 0.99), milliseconds[^1]);
    }

    private static double Rank(double[] sorted, double quantile) =>
        sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
}

/// <summary>The clip uploaded while the clients searched, and how its ingest job ended.</summary>
public sealed record IngestOutcome(string File, long Bytes, long? JobId, string Status, bool Succeeded, double StartSeconds, double WallSeconds, string? Error);

/// <summary>
/// Floors measured in the same run after the load: the search queries called in-process on the search service (no HTTP), one
/// at a time and with the load's concurrency, and <c>GET /health/live</c> over HTTP with the same clients (the HTTP floor).
/// </summary>
public sealed record BenchFloors(double Seconds, KindStats InProcessSingle, KindStats InProcessConcurrent, KindStats HealthHttp);
