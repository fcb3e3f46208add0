namespace Cbvr.Search.Ranking;

/// <summary>
/// Learns late-fusion weights from labelled events (ALGORITHMS.md §6 step 5): coordinate ascent on the weight simplex,
/// each coordinate tried at every multiple of the step (the others rescaled to keep the sum 1), keeping a change only
/// when it raises the mean AP over the events. Starts from equal weights; deterministic.
/// </summary>
public static class FusionWeightFitter
{
    /// <summary>
    /// Fits on all <paramref name="queries"/> (at least two, each with a relevant item); CrossValidatedMap holds out
    /// one query at a time, fits on the rest and scores the held-out one with those weights.
    /// </summary>
    public static FusionFit Fit(IReadOnlyList<LabelledQuery> queries, ScoreNormalization method, double step = 0.05, int sweeps = 3)
    {
        ArgumentNullException.ThrowIfNull(queries);
        if (!(step > 0 && step <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "the weight step must be in (0, 1]");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(sweeps, 1);
        if (queries.Count < 2)
        {
            throw new ArgumentException($"fitting fusion weights needs at least two labelled queries, got {queries.Count}", nameof(queries));
        }

        var names = queries.SelectMany(q => q.Modalities.Select(m => m.Modality)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var prepared = queries.Select(q => Prepare(q, names, method)).ToArray();
        var grid = Math.Max(1, (int)Math.Round(1 / step));
        var all = Enumerable.Range(0, prepared.Length).ToArray();

        var held = new double[prepared.Length];
        Parallel.For(0, prepared.Length, q =>
        {
            var weights = Ascend(prepared, all.Where(o => o != q).ToArray(), names.Length, grid, sweeps);
            held[q] = prepared[q].AveragePrecision(weights);
        });

        var fitted = Ascend(prepared, all, names.Length, grid, sweeps);
        var equal = Enumerable.Repeat(1.0 / names.Length, names.Length).ToArray();
        var single = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var m = 0; m < names.Length; m++)
        {
            var alone = new double[names.Length];
            alone[m] = 1;
            single[names[m]] = prepared.Where(p => p.Normalised[m] is not null).Average(p => p.AveragePrecision(alone));
        }

        return new FusionFit(
            names.Select((n, m) => (n, fitted[m])).ToDictionary(p => p.n, p => p.Item2, StringComparer.Ordinal),
            held.Average(),
            Map(prepared, all, equal),
            single);
    }

    /// <summary>Coordinate ascent from equal weights on the simplex grid, maximising MAP over <paramref name="subset"/>.</summary>
    private static double[] Ascend(PreparedQuery[] prepared, int[] subset, int count, int grid, int sweeps)
    {
        var weights = Enumerable.Repeat(1.0 / count, count).ToArray();
        if (count == 1)
        {
            return weights;
        }

        var best = Map(prepared, subset, weights);
        for (var sweep = 0; sweep < sweeps; sweep++)
        {
            var improved = false;
            for (var m = 0; m < count; m++)
            {
                for (var g = 0; g <= grid; g++)
                {
                    var candidate = WithCoordinate(weights, m, (double)g / grid);
                    var map = Map(prepared, subset, candidate);
                    if (map > best + 1e-12)
                    {
                        (best, weights, improved) = (map, candidate, true);
                    }
                }
            }

            if (!improved)
            {
                break;
            }
        }

        return weights;
    }

    /// <summary>Sets weight m to <paramref name="value"/> and rescales the others to sum 1 - value (equal if all were 0).</summary>
    private static double[] WithCoordinate(double[] weights, int m, double value)
    {
        var others = 1 - weights[m];
        var result = new double[weights.Length];
        for (var k = 0; k < weights.Length; k++)
        {
            result[k] = k == m ? value : others > 1e-12 ? weights[k] * (1 - value) / others : (1 - value) / (weights.Length - 1);
        }

        return result;
    }

    private static double Map(PreparedQuery[] prepared, int[] subset, double[] weights)
        => subset.Sum(q => prepared[q].AveragePrecision(weights)) / subset.Length;

    private static PreparedQuery Prepare(LabelledQuery query, string[] names, ScoreNormalization method)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!query.Relevant.Contains(true))
        {
            throw new ArgumentException($"labelled query '{query.Name}' has no relevant item, so its AP is undefined", nameof(query));
        }

        var normalised = new float[]?[names.Length];
        foreach (var modality in query.Modalities)
        {
            if (modality.Scores.Length != query.Relevant.Length)
            {
                throw new ArgumentException(
                    $"query '{query.Name}': modality '{modality.Modality}' has {modality.Scores.Length} scores for {query.Relevant.Length} items", nameof(query));
            }

            var m = Array.IndexOf(names, modality.Modality);
            if (normalised[m] is not null)
            {
                throw new ArgumentException($"query '{query.Name}' gives modality '{modality.Modality}' more than once", nameof(query));
            }

            normalised[m] = ScoreNormalizer.Normalize(modality.Scores, method, modality.Present);
        }

        return new PreparedQuery(normalised, query.Relevant);
    }

    /// <summary>A query's normalised modality scores (null where it lacks the modality) and its labels.</summary>
    private sealed record PreparedQuery(float[]?[] Normalised, bool[] Relevant)
    {
        public double AveragePrecision(double[] weights)
        {
            var fused = new float[Relevant.Length];
            LateFusion.Combine(Normalised, weights, fused);
            return RankedList.AveragePrecision(fused, Relevant);
        }
    }
}
