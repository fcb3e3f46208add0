namespace Cbvr.Features.Encoding;

/// <summary>
/// Lloyd's k-means with k-means++ seeding on row-major float data (n x d): alternate the centre step and a parallel
/// nearest-centre assignment until no label changes, the objective falls by less than the relative tolerance, or the
/// iteration cap. Deterministic for a given seed. Rows beyond <see cref="KMeansOptions.MaxSamples"/> are sampled.
/// </summary>
public static class KMeans
{
    /// <summary>Clusters the n x d rows of <paramref name="data"/>; <paramref name="initialCentres"/> (c x d) replaces k-means++.</summary>
    public static ClusteringResult Fit(float[] data, int dimensions, KMeansOptions options, float[]? initialCentres = null)
        => ClusteringRun.Run(data, dimensions, options, initialCentres, gamma: 0, balanced: false);

    /// <summary>
    /// Gives every row its nearest centre (a tie keeps the current label) and recounts the sizes; returns how many
    /// labels changed. <paramref name="fresh"/> ignores the current labels.
    /// </summary>
    internal static int AssignNearest(float[] data, int d, float[] norms, float[] centres, int[] labels, int[] sizes, bool fresh)
    {
        var c = sizes.Length;
        var centreNorms = CentreDistances.SquaredNorms(centres, d);
        var changed = 0;
        Parallel.For(0, (labels.Length + 255) / 256, block =>
        {
            var distances = new float[c];
            var local = 0;
            for (var i = block * 256; i < Math.Min(labels.Length, (block + 1) * 256); i++)
            {
                CentreDistances.RowDistances(data.AsSpan(i * d, d), norms[i], centres, centreNorms, distances);
                var best = CentreDistances.ArgMin(distances, fresh ? -1 : labels[i]);
                if (best != labels[i])
                {
                    local++;
                    labels[i] = best;
                }
            }

            Interlocked.Add(ref changed, local);
        });
        Array.Clear(sizes);
        foreach (var label in labels)
        {
            sizes[label]++;
        }

        return changed;
    }
}
