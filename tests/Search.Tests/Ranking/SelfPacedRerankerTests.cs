using System.Diagnostics;
using Cbvr.Search.Ranking;
using Xunit.Abstractions;

namespace Cbvr.Search.Tests.Ranking;

public sealed class SelfPacedRerankerTests(ITestOutputHelper output)
{
    private static readonly double[] EqualWeights = [1, 1];

    [Fact]
    public void OnTheSyntheticSet_MeanApOverTenSeeds_RisesAfterReranking()
    {
        var clock = Stopwatch.StartNew();
        var before = new double[10];
        var after = new double[10];
        for (var seed = 0; seed < 10; seed++)
        {
            var data = SyntheticEvent.Make(seed);
            var result = SelfPacedReranker.Rerank(data.Initial, data.Features, EqualWeights, new SelfPacedRerankOptions { Seed = seed });
            before[seed] = RankedList.AveragePrecision(data.Initial, data.Relevant);
            after[seed] = RankedList.AveragePrecision(result.Scores, data.Relevant);
            output.WriteLine($"seed {seed}: AP {before[seed]:F3} -> {after[seed]:F3}, rounds {string.Join("; ", result.Rounds)}");
        }

        output.WriteLine($"mean AP {before.Average():F3} -> {after.Average():F3} ({clock.Elapsed.TotalSeconds:F1} s)");
        Assert.InRange(before.Average(), 0.2, 0.4);
        Assert.True(after.Average() > before.Average() + 0.05, $"mean AP {before.Average():F3} -> {after.Average():F3}");
    }

    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(2, 1.0)]
    public void NoRoundsOrAlphaOne_ReturnsTheInitialList(int rounds, double alpha)
    {
        var data = SyntheticEvent.Make(1, items: 2000);
        var result = SelfPacedReranker.Rerank(data.Initial, data.Features, EqualWeights, new SelfPacedRerankOptions { Rounds = rounds, Alpha = alpha });
        Assert.Equal(data.Initial, result.Scores);
        Assert.Empty(result.Rounds);
    }

    [Fact]
    public void EveryItem_IsScored_EvenWithoutRowsInSomeModalities()
    {
        var data = SyntheticEvent.Make(2, dimensions: 512, separation: 6);
        // Every 3rd item lacks modality 0, every 5th modality 1, so every 15th has no row at all.
        float[]?[][] features = [.. data.Features.Select((rows, m) => rows.Select((r, i) => i % (m == 0 ? 3 : 5) == 0 ? null : r).ToArray())];
        var options = new SelfPacedRerankOptions { Alpha = 0 };
        SelfPacedReranker.Rerank(data.Initial[..500], [.. features.Select(f => f[..500])], EqualWeights, options); // warm-up (JIT)
        var clock = Stopwatch.StartNew();
        var result = SelfPacedReranker.Rerank(data.Initial, features, EqualWeights, options);
        output.WriteLine($"SPaR 10,000 items x 2 modalities x 512-d, {result.Rounds.Count} rounds: {clock.Elapsed.TotalMilliseconds:F0} ms");

        Assert.NotEmpty(result.Rounds);
        Assert.All(result.Scores, s => Assert.True(float.IsFinite(s)));
        // With α = 0 the list is the models' fusion alone: items seen by a modality spread out, unseen ones share the floor.
        var unseen = Enumerable.Range(0, data.Initial.Length).Where(i => i % 15 == 0).Select(i => result.Scores[i]).Distinct().ToArray();
        Assert.Single(unseen);
        Assert.True(result.Scores.Distinct().Count() > data.Initial.Length * 0.9);
        Assert.True(result.Scores.Count(s => s > unseen[0]) == data.Initial.Length - result.Scores.Count(s => s == unseen[0]));
    }

    [Fact]
    public void Feedback_WithTheTruePositivesMarked_RaisesAp()
    {
        var before = 0.0;
        var after = 0.0;
        for (var seed = 0; seed < 3; seed++)
        {
            var data = SyntheticEvent.Make(seed);
            var order = RankedList.Order(data.Initial);
            // The user marks the top 20 of the list: the relevant ones as relevant, the others as irrelevant.
            var shown = order[..20];
            var result = SelfPacedReranker.Feedback(
                data.Initial, data.Features, EqualWeights, shown.Where(i => data.Relevant[i]).ToArray(), shown.Where(i => !data.Relevant[i]).ToArray(), new SelfPacedRerankOptions());
            before += RankedList.AveragePrecision(data.Initial, data.Relevant) / 3;
            after += RankedList.AveragePrecision(result.Scores, data.Relevant) / 3;
            Assert.Single(result.Rounds);
        }

        output.WriteLine($"feedback on the top 20: mean AP {before:F3} -> {after:F3}");
        Assert.True(after > before + 0.1, $"mean AP {before:F3} -> {after:F3}");
    }
}
