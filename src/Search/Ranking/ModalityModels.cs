using System.Collections.Concurrent;

namespace Cbvr.Search.Ranking;

/// <summary>
/// One round's per-modality event models for <see cref="SelfPacedReranker"/>: each modality is trained on the labelled
/// items that have a row in it (with the shared self-paced weights v), then scores every item that has a row.
/// A modality without a positive and a negative row to train on stays untrained and is left out of the fusion.
/// </summary>
internal sealed class ModalityModels
{
    private readonly IReadOnlyList<IReadOnlyList<float[]?>> _features;
    private readonly LinearEventModel?[] _models;

    private ModalityModels(IReadOnlyList<IReadOnlyList<float[]?>> features, LinearEventModel?[] models)
    {
        _features = features;
        _models = models;
    }

    public bool AnyTrained => _models.Any(m => m is not null);

    public static ModalityModels Train(
        IReadOnlyList<IReadOnlyList<float[]?>> features, int[] items, bool[] labels, double[] weights, double l2, ModalityModels? previous)
    {
        var models = new LinearEventModel?[features.Count];
        for (var m = 0; m < features.Count; m++)
        {
            var used = Enumerable.Range(0, items.Length).Where(j => weights[j] > 0 && features[m][items[j]] is not null).ToArray();
            if (!used.Any(j => labels[j]) || !used.Any(j => !labels[j]))
            {
                continue;
            }

            models[m] = LinearEventModel.Fit(
                used.Select(j => Row(features[m][items[j]]!)).ToArray(),
                used.Select(j => labels[j]).ToArray(),
                used.Select(j => weights[j]).ToArray(),
                l2,
                previous?._models[m]);
        }

        return new ModalityModels(features, models);
    }

    /// <summary>Every item scored by every trained modality, each modality normalised, fused with the modality weights.</summary>
    public float[] Fuse(IReadOnlyList<double> modalityWeights, ScoreNormalization method)
    {
        var n = _features[0].Count;
        var normalised = new float[]?[_models.Length];
        for (var m = 0; m < _models.Length; m++)
        {
            if (_models[m] is not { } model)
            {
                continue;
            }

            var rows = _features[m];
            var scores = new float[n];
            var present = new bool[n];
            Parallel.ForEach(Partitioner.Create(0, n, 4096), range =>
            {
                for (var i = range.Item1; i < range.Item2; i++)
                {
                    present[i] = rows[i] is not null;
                    scores[i] = rows[i] is { } row ? model.Score(row) : 0;
                }
            });
            normalised[m] = ScoreNormalizer.Normalize(scores, method, present);
        }

        var fused = new float[n];
        LateFusion.Combine(normalised, modalityWeights.ToArray(), fused);
        return fused;
    }

    /// <summary>
    /// Per item, the mean logistic loss over the trained modalities that have its row (the v step of the shared-v
    /// objective); NaN for an item no trained modality can see.
    /// </summary>
    public double[] Losses(int[] items, bool positive)
    {
        var losses = new double[items.Length];
        for (var j = 0; j < items.Length; j++)
        {
            var sum = 0.0;
            var count = 0;
            for (var m = 0; m < _models.Length; m++)
            {
                if (_models[m] is { } model && _features[m][items[j]] is { } row)
                {
                    sum += model.Loss(Row(row), positive);
                    count++;
                }
            }

            losses[j] = count == 0 ? double.NaN : sum / count;
        }

        return losses;
    }

    private static double[] Row(float[] row) => Array.ConvertAll(row, v => (double)v);
}
