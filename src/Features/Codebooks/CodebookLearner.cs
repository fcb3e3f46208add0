using System.Diagnostics;
using Cbvr.Features.Encoding;
using Cbvr.Features.Store;
using Cbvr.Ingest.Catalog;

namespace Cbvr.Features.Codebooks;

/// <summary>What learning a codebook did: the saved info and how long each method took.</summary>
public sealed record CodebookReport(CodebookInfo Info, double Seconds, double? PlainSeconds);

/// <summary>
/// Learns a codebook for a local descriptor (<c>mfcc</c> audio frames) from the whole library with balanced k-means
/// (ALGORITHMS.md §1: the exclusive-lasso penalty keeps clusters near equal size), and measures plain k-means on the same
/// sample for comparison. γ = η c J0 / n², J0 being plain k-means' distortion.
/// </summary>
public sealed class CodebookLearner(FeatureStore features, VideoCatalog videos, CodebookStore store)
{
    /// <summary>Learns and saves the codebook of <paramref name="feature"/>; <paramref name="eta"/> = 0 gives plain k-means.</summary>
    public CodebookReport Learn(string feature, int clusters, double eta, int maxPerVideo = 2000, int seed = 1)
    {
        var (data, d, count, videoCount) = Sample(feature, maxPerVideo);
        if (count < clusters * 2)
        {
            throw new InvalidOperationException($"only {count} {feature} descriptors in the library ({videoCount} videos): too few for {clusters} clusters; ingest more video with audio first");
        }

        // Silent or constant tracks give identical descriptors: fewer distinct ones than clusters leaves clusters empty or equal.
        var distinct = DistinctRows(data, d, clusters);
        if (distinct < clusters)
        {
            throw new InvalidOperationException($"only {distinct} distinct {feature} descriptors among {count} in the library ({videoCount} videos): too few for {clusters} clusters; the audio is silent or constant, ingest video with varied sound first");
        }

        var options = new KMeansOptions { Clusters = clusters, Seed = seed };
        var clock = Stopwatch.StartNew();
        var plain = KMeans.Fit(data, d, options);
        var plainSeconds = clock.Elapsed.TotalSeconds;
        var plainDistortion = CentreDistances.Distortion(data, d, plain.Labels, plain.Codebook.Centres);
        var result = plain;
        var gamma = 0.0;
        var seconds = plainSeconds;
        if (eta > 0)
        {
            gamma = BalancedKMeans.Gamma(eta, clusters, plainDistortion, count);
            clock.Restart();
            result = BalancedKMeans.Fit(data, d, options, gamma, plain.Codebook.Centres);
            seconds = clock.Elapsed.TotalSeconds;
        }

        var info = new CodebookInfo(
            feature, eta > 0 ? "balanced" : "plain", clusters, gamma, eta, count, videoCount,
            ClusterSpread.Of(result.Codebook.Sizes), eta > 0 ? ClusterSpread.Of(plain.Codebook.Sizes) : null,
            CentreDistances.Distortion(data, d, result.Labels, result.Codebook.Centres), eta > 0 ? plainDistortion : null,
            DateTimeOffset.UtcNow, "", result.Codebook.Sizes);
        var saved = store.Save(feature, result.Codebook, info);
        return new CodebookReport(saved, seconds, eta > 0 ? plainSeconds : null);
    }

    /// <summary>How many distinct rows <paramref name="data"/> has, counting no further than <paramref name="enough"/>.</summary>
    private static int DistinctRows(float[] data, int d, int enough)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < data.Length / d && seen.Count < enough; i++)
        {
            seen.Add(Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(data.AsSpan(i * d, d))));
        }

        return seen.Count;
    }

    /// <summary>Up to <paramref name="maxPerVideo"/> evenly spaced descriptors of every video that has the feature.</summary>
    private (float[] Data, int D, int Count, int Videos) Sample(string feature, int maxPerVideo)
    {
        var rows = new List<float[]>();
        var d = 0;
        var videoCount = 0;
        foreach (var id in videos.AllIds().Order(StringComparer.Ordinal))
        {
            using var matrix = features.Open(id, feature, Granularity.AudioFrame);
            if (matrix is null || matrix.Rows == 0)
            {
                continue;
            }

            d = matrix.Columns;
            videoCount++;
            var step = Math.Max(1.0, (double)matrix.Rows / maxPerVideo);
            for (var r = 0.0; r < matrix.Rows; r += step)
            {
                rows.Add(matrix.Row((int)r));
            }
        }

        var data = new float[rows.Count * d];
        for (var i = 0; i < rows.Count; i++)
        {
            rows[i].CopyTo(data, i * d);
        }

        return (data, d, rows.Count, videoCount);
    }
}
