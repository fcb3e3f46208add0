namespace Cbvr.Search.Ranking;

/// <summary>
/// Self-paced reranking (SPaR, ALGORITHMS.md §4) and relevance feedback. Pseudo-positives are the top of the current
/// list, pseudo-negatives a seeded random draw from far below it; one weighted logistic regression per modality is
/// trained on them with self-paced weights v shared across modalities (mixture rule), every item is scored by every
/// modality that has its row, the normalised scores are fused with the modality weights into r_t, and
/// s_t = α s0 + (1 - α) r_t with both sides normalised. Deterministic for a given seed.
/// </summary>
public static class SelfPacedReranker
{
    /// <summary>
    /// Reranks <paramref name="initialScores"/> (the fused zero-example list s0). <paramref name="features"/>[m][i] is
    /// modality m's row of item i (null = missing); <paramref name="modalityWeights"/>[m] its fusion weight. Rounds = 0
    /// or Alpha = 1 returns a copy of the initial scores. Stops early once the top |P| no longer changes.
    /// </summary>
    public static RerankResult Rerank(
        float[] initialScores,
        IReadOnlyList<IReadOnlyList<float[]?>> features,
        IReadOnlyList<double> modalityWeights,
        SelfPacedRerankOptions options,
        ScoreNormalization method = ScoreNormalization.ZScore)
    {
        Validate(initialScores, features, modalityWeights, options);
        if (options.Rounds == 0 || options.Alpha >= 1)
        {
            return new RerankResult((float[])initialScores.Clone(), []);
        }

        var n = initialScores.Length;
        var none = new HashSet<int>();
        var random = new Random(options.Seed);
        var initial = ScoreNormalizer.Normalize(initialScores, method);
        var scores = (float[])initialScores.Clone();
        var order = RankedList.Order(scores);
        var k = Math.Min(options.InitialPositives, n);
        var positives = order[..k];
        var negatives = DrawNegatives(order, k, none, options, random);
        var weights = Enumerable.Repeat(1.0, k + negatives.Length).ToArray();
        var rounds = new List<RerankRound>();
        ModalityModels? models = null;
        for (var round = 1; round <= options.Rounds; round++)
        {
            models = ModalityModels.Train(features, [.. positives, .. negatives], Labels(positives, negatives), weights, options.L2, models);
            if (!models.AnyTrained)
            {
                break;
            }

            scores = Mix(initial, models.Fuse(modalityWeights, method), options.Alpha, method);
            order = RankedList.Order(scores);
            var changed = order[..k].Except(positives).Count();
            rounds.Add(new RerankRound(round, positives.Length, negatives.Length, changed));
            if (changed == 0 || round == options.Rounds)
            {
                break;
            }

            // Grow the age: more pseudo-positives from the new list; v from the current models' losses, λ1 of the
            // positives at least the loss of the new k-th pseudo-positive.
            k = Math.Min(n, k + options.PositiveGrowth);
            positives = order[..k];
            negatives = DrawNegatives(order, k, none, options, random);
            var positiveLosses = models.Losses(positives, positive: true);
            var boundary = double.IsFinite(positiveLosses[^1]) ? positiveLosses[^1] : double.NegativeInfinity;
            weights =
            [
                .. PseudoLabels.Mixture(positiveLosses, options.EasyQuantile, options.HardQuantile, boundary),
                .. PseudoLabels.Mixture(models.Losses(negatives, positive: false), options.EasyQuantile, options.HardQuantile),
            ];
        }

        return new RerankResult(scores, rounds);
    }

    /// <summary>
    /// Relevance feedback: one round of the same machinery with the user's labels as fixed positives and negatives
    /// (all weighted 1), plus random pseudo-negatives from far down the current list. Without relevant items the top
    /// k0 items not marked irrelevant serve as pseudo-positives. Returns the new scores.
    /// </summary>
    public static RerankResult Feedback(
        float[] currentScores,
        IReadOnlyList<IReadOnlyList<float[]?>> features,
        IReadOnlyList<double> modalityWeights,
        IReadOnlyCollection<int> relevant,
        IReadOnlyCollection<int> irrelevant,
        SelfPacedRerankOptions options,
        ScoreNormalization method = ScoreNormalization.ZScore)
    {
        Validate(currentScores, features, modalityWeights, options);
        ArgumentNullException.ThrowIfNull(relevant);
        ArgumentNullException.ThrowIfNull(irrelevant);
        var n = currentScores.Length;
        var labelled = relevant.Concat(irrelevant).ToHashSet();
        if (labelled.Any(i => i < 0 || i >= n))
        {
            throw new ArgumentOutOfRangeException(nameof(relevant), $"feedback items must be in 0..{n - 1}");
        }

        if (relevant.Intersect(irrelevant).Any())
        {
            throw new ArgumentException("an item cannot be marked both relevant and irrelevant", nameof(irrelevant));
        }

        if (options.Alpha >= 1)
        {
            return new RerankResult((float[])currentScores.Clone(), []);
        }

        var order = RankedList.Order(currentScores);
        var positives = relevant.Count > 0
            ? relevant.Distinct().Order().ToArray()
            : PseudoLabels.Top(order, Math.Min(options.InitialPositives, n), irrelevant.ToHashSet());
        labelled.UnionWith(positives);
        int[] negatives = [.. irrelevant.Distinct().Order(), .. DrawNegatives(order, positives.Length, labelled, options, new Random(options.Seed))];
        var models = ModalityModels.Train(
            features, [.. positives, .. negatives], Labels(positives, negatives), Enumerable.Repeat(1.0, positives.Length + negatives.Length).ToArray(), options.L2, null);
        if (!models.AnyTrained)
        {
            return new RerankResult((float[])currentScores.Clone(), []);
        }

        var scores = Mix(ScoreNormalizer.Normalize(currentScores, method), models.Fuse(modalityWeights, method), options.Alpha, method);
        var changed = RankedList.Order(scores)[..positives.Length].Except(positives).Count();
        return new RerankResult(scores, [new RerankRound(1, positives.Length, negatives.Length, changed)]);
    }

    private static int[] DrawNegatives(int[] order, int positives, IReadOnlySet<int> excluded, SelfPacedRerankOptions options, Random random)
        => PseudoLabels.Negatives(
            order, options.NegativesPerPositive * positives, options.NegativeRankFactor * options.InitialPositives, positives, excluded, random);

    private static bool[] Labels(int[] positives, int[] negatives)
        => [.. Enumerable.Repeat(true, positives.Length), .. Enumerable.Repeat(false, negatives.Length)];

    private static float[] Mix(float[] initial, float[] reranked, double alpha, ScoreNormalization method)
    {
        var normalised = ScoreNormalizer.Normalize(reranked, method);
        var mixed = new float[initial.Length];
        for (var i = 0; i < mixed.Length; i++)
        {
            mixed[i] = (float)((alpha * initial[i]) + ((1 - alpha) * normalised[i]));
        }

        return mixed;
    }

    private static void Validate(
        float[] scores, IReadOnlyList<IReadOnlyList<float[]?>> features, IReadOnlyList<double> modalityWeights, SelfPacedRerankOptions options)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(modalityWeights);
        ArgumentNullException.ThrowIfNull(options);
        if (features.Count == 0 || features.Count != modalityWeights.Count)
        {
            throw new ArgumentException($"{features.Count} feature modalities but {modalityWeights.Count} weights; at least one is needed", nameof(modalityWeights));
        }

        if (features.FirstOrDefault(f => f.Count != scores.Length) is { } wrong)
        {
            throw new ArgumentException($"a modality has {wrong.Count} rows for {scores.Length} scored items", nameof(features));
        }

        if (options.Rounds < 0 || options.InitialPositives < 1 || options.NegativesPerPositive < 1 || options.PositiveGrowth < 0
            || options.NegativeRankFactor < 1 || !(options.Alpha >= 0 && options.Alpha <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options, "SPaR needs Rounds >= 0, k0 >= 1, negatives per positive >= 1, growth >= 0, rank factor >= 1 and 0 <= α <= 1");
        }
    }
}
