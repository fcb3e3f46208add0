using Cbvr.Search.Grouping;

namespace Cbvr.Search.Tests.Grouping;

public sealed class ResultGrouperTests
{
    private static readonly Dictionary<string, float> DogScene = new()
    {
        ["coco:dog"] = 0.8f, ["imagenet:lawn_mower"] = 0.5f, ["coco:person"] = 0.6f, ["coco:kite"] = 0.02f,
    };

    private static readonly Dictionary<string, float> CarScene = new()
    {
        ["coco:car"] = 0.9f, ["coco:traffic_light"] = 0.4f, ["coco:person"] = 0.6f,
    };

    /// <summary>Ranked hits from two kinds of scene, interleaved; returns which scene each hit shows.</summary>
    private static (float[][] Features, IReadOnlyDictionary<string, float>[] Concepts, float[] Scores, bool[] IsDog) Hits(int n)
    {
        var (points, truth) = Shapes.Blobs(seed: 11, [n / 2, n - (n / 2)], d: 64, sigma: 0.04);
        // Interleave the two blobs in a fixed, irregular rank order.
        var order = Shapes.Permutation(12, n);
        var features = order.Select(i => points[i]).ToArray();
        var isDog = order.Select(i => truth[i] == 0).ToArray();
        var concepts = isDog.Select(dog => (IReadOnlyDictionary<string, float>)(dog ? DogScene : CarScene)).ToArray();
        var scores = Enumerable.Range(0, n).Select(i => 1f - (0.01f * i)).ToArray();
        return (features, concepts, scores, isDog);
    }

    [Fact]
    public void Group_TwoKindsOfScene_NamesEachByItsOwnConceptsAndKeepsRankOrder()
    {
        var (features, concepts, scores, isDog) = Hits(24);
        var groups = ResultGrouper.Group(features, concepts, scores, new SpectralOptions());

        Assert.Equal(2, groups.Count);
        var first = groups[0];
        var second = groups[1];
        Assert.Equal([0, 1], groups.Select(g => g.Id));
        Assert.Equal(0, first.Members[0].Item);
        Assert.True(first.Members[0].Item < second.Members[0].Item);
        var (dogs, cars) = isDog[0] ? (first, second) : (second, first);
        Assert.Equal(["coco:dog", "imagenet:lawn_mower"], dogs.LabelConcepts);
        Assert.Equal("dog, lawn mower", dogs.Label);
        Assert.Equal(["coco:car", "coco:traffic_light"], cars.LabelConcepts);
        Assert.Equal("car, traffic light", cars.Label);
        Assert.All(dogs.Members, m => Assert.True(isDog[m.Item]));
        Assert.All(cars.Members, m => Assert.False(isDog[m.Item]));
        foreach (var group in groups)
        {
            Assert.Equal(group.Members.Select(m => m.Item).Order(), group.Members.Select(m => m.Item));
            Assert.All(group.Members, m => Assert.Equal(scores[m.Item], m.Score));
        }

        Assert.Equal(24, groups.Sum(g => g.Members.Count));
    }

    [Fact]
    public void Group_ThreeHits_MakeOneGroupNamedByItsStrongestConcepts()
    {
        var (features, concepts, scores, _) = Hits(3);
        var group = Assert.Single(ResultGrouper.Group(features, concepts, scores, new SpectralOptions()));
        Assert.Equal([0, 1, 2], group.Members.Select(m => m.Item));
        Assert.Equal(3, group.LabelConcepts.Count);
        Assert.Contains("coco:person", group.LabelConcepts);
    }

    [Fact]
    public void Group_HitsWithoutConcepts_AreCalledMisc()
    {
        var (features, _, scores, _) = Hits(12);
        var empty = Enumerable.Range(0, 12).Select(_ => (IReadOnlyDictionary<string, float>)new Dictionary<string, float>()).ToArray();
        var groups = ResultGrouper.Group(features, empty, scores, new SpectralOptions());
        Assert.All(groups, g => Assert.Equal("misc", g.Label));
        Assert.All(groups, g => Assert.Empty(g.LabelConcepts));
    }

    [Fact]
    public void Group_MismatchedInputs_Throw()
    {
        var (features, concepts, scores, _) = Hits(6);
        Assert.Throws<ArgumentException>(() => ResultGrouper.Group(features, concepts, scores[..5], new SpectralOptions()));
    }
}
