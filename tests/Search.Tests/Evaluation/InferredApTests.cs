using Cbvr.Search.Evaluation.Scoring;
using Cbvr.Tests;

namespace Cbvr.Search.Tests.Evaluation;

public sealed class InferredApTests
{
    [Fact]
    public void WithOneStratumJudgedCompletely_InfApIsAp()
    {
        // Relevant at positions 1, 4, 5 of a 6-item run; a 7th relevant item is never returned: AP = (1 + 2/4 + 3/5) / 4.
        string[] docs = ["d1", "d2", "d3", "d4", "d5", "d6"];
        bool[] relevant = [true, false, false, true, true, false];
        var qrels = docs.Select((d, i) => new QrelRow("t", d, "1", relevant[i] ? 1 : 0)).Append(new QrelRow("t", "d7", "1", 1)).ToList();
        var run = docs.Select((d, i) => new RunRow("t", d, i + 1, 1.0 - (i / 10.0), "r")).ToList();
        var report = InferredAp.Score(qrels, run);
        var topic = Assert.Single(report.Topics);
        Assert.Equal((1 + (2.0 / 4) + (3.0 / 5)) / 4, topic.InfAp, 4);
        Assert.Equal(4.0, topic.EstimatedRelevant, 12);
    }

    [Fact]
    public void TwoStrata_HalfSampledSecondStratum_MatchesTheHandComputedEstimate()
    {
        // Stratum A judged completely (p = 1): a1 rel, a2 non-rel, a3 rel. Stratum B pooled 4, judged 2 (p = 0.5): b1 rel, b2 non-rel.
        // R̂ = 1 + 1 + 1/0.5 = 4. Run: a1 b3 b1 a2 x a3 b2 b4 (x unpooled).
        // a1 @1: precision 1 → 1. b1 @3: (1 + A 1·1/1 + B 1·(ε/2ε) = 2.5)/3, divided by p 0.5 → 5/3.
        // a3 @6: (1 + A 2·(1/2) + B 2·(1/1) = 4)/6 → 2/3. xinfAP = (1 + 5/3 + 2/3) / 4 = 5/6.
        QrelRow[] qrels =
        [
            new("t", "a1", "A", 1), new("t", "a2", "A", 0), new("t", "a3", "A", 1),
            new("t", "b1", "B", 1), new("t", "b2", "B", 0), new("t", "b3", "B", -1), new("t", "b4", "B", -1),
        ];
        string[] order = ["a1", "b3", "b1", "a2", "x", "a3", "b2", "b4"];
        var run = order.Select((d, i) => new RunRow("t", d, i + 1, 100 - i, "r")).ToList();
        var topic = Assert.Single(InferredAp.Score(qrels, run).Topics);
        Assert.Equal(5.0 / 6, topic.InfAp, 4);
        Assert.Equal(4.0, topic.EstimatedRelevant, 12);
        Assert.Equal(8, topic.Retrieved);
    }

    [Fact]
    public void TrecFiles_RejectBadLinesWithTheLineNumber()
    {
        var folder = TestMedia.NewFolder();
        var qrels = Path.Combine(folder, "qrels");
        File.WriteAllText(qrels, "1 0 d1 1 1\n1 0 d2 1 x\n");
        Assert.Equal($"{qrels}: line 2: relevance \"x\" is not an integer ≥ -1", Assert.Throws<InvalidDataException>(() => TrecFiles.ReadQrels(qrels)).Message);
        var run = Path.Combine(folder, "run");
        File.WriteAllText(run, "1 Q0 d1 1 0.5 r\n\n1 Q0 d2 2 r\n");
        Assert.Equal($"{run}: line 3: 5 fields where 6 are expected", Assert.Throws<InvalidDataException>(() => TrecFiles.ReadRun(run)).Message);
    }
}
