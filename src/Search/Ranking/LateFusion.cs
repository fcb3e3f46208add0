using System.Numerics.Tensors;

namespace Cbvr.Search.Ranking;

/// <summary>
/// Late fusion of several modalities' scores for one query (ALGORITHMS.md §6): each modality is normalised on its own,
/// then the fused score is the weighted mean of the normalised scores.
/// </summary>
public static class LateFusion
{
    /// <summary>
    /// Weighted mean of the normalised scores. A modality without an entry in <paramref name="weights"/> gets weight 1;
    /// the weights are renormalised over the modalities given, so only their ratios matter. Weights must be finite and
    /// non-negative with at least one positive; modality names must be distinct and all score arrays of equal length.
    /// </summary>
    public static float[] Fuse(IReadOnlyList<ModalityScores> modalities, IReadOnlyDictionary<string, double> weights, ScoreNormalization method)
    {
        ArgumentNullException.ThrowIfNull(modalities);
        ArgumentNullException.ThrowIfNull(weights);
        if (modalities.Count == 0)
        {
            throw new ArgumentException("late fusion needs at least one modality", nameof(modalities));
        }

        var duplicate = modalities.GroupBy(m => m.Modality, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"modality '{duplicate.Key}' is given more than once", nameof(modalities));
        }

        var chosen = modalities.Select(m => weights.TryGetValue(m.Modality, out var w) ? w : 1.0).ToArray();
        if (chosen.Sum() <= 0)
        {
            throw new ArgumentException("at least one of the fused modalities needs a positive weight", nameof(weights));
        }

        var normalised = modalities.Select(m => ScoreNormalizer.Normalize(m.Scores, method, m.Present)).ToArray();
        var fused = new float[modalities[0].Scores.Length];
        Combine(normalised, chosen, fused);
        return fused;
    }

    /// <summary>
    /// Writes the weighted mean of already normalised score arrays into <paramref name="destination"/>; null arrays
    /// (a modality the query lacks) are skipped and the weights renormalised over the others. All-zero weights give 0.
    /// </summary>
    internal static void Combine(IReadOnlyList<float[]?> normalised, ReadOnlySpan<double> weights, Span<float> destination)
    {
        if (weights.Length != normalised.Count)
        {
            throw new ArgumentException($"{normalised.Count} modalities but {weights.Length} weights", nameof(weights));
        }

        var total = 0.0;
        for (var m = 0; m < weights.Length; m++)
        {
            if (!double.IsFinite(weights[m]) || weights[m] < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(weights), weights[m], "fusion weights must be finite and non-negative");
            }

            var scores = normalised[m];
            if (scores is not null && scores.Length != destination.Length)
            {
                throw new ArgumentException($"modality {m} has {scores.Length} scores, not {destination.Length}", nameof(normalised));
            }

            total += scores is null ? 0 : weights[m];
        }

        destination.Clear();
        for (var m = 0; m < weights.Length; m++)
        {
            if (normalised[m] is { } scores && weights[m] > 0)
            {
                TensorPrimitives.MultiplyAdd(scores, (float)(weights[m] / total), destination, destination);
            }
        }
    }
}
