using Cbvr.Search.Concepts;
using Cbvr.Tests;

namespace Cbvr.Search.Tests.Concepts;

public sealed class ConceptIndexTests
{
    private const int Concepts = 60;

    /// <summary>Random videos with a few concepts each; popular concepts (low ids) appear more often.</summary>
    private static Dictionary<int, Dictionary<int, float>> RandomVideos(Random random, int count)
    {
        var videos = new Dictionary<int, Dictionary<int, float>>();
        for (var v = 0; v < count; v++)
        {
            var concepts = new Dictionary<int, float>();
            for (var j = random.Next(0, 8); j > 0; j--)
            {
                concepts[(int)(Concepts * Math.Pow(random.NextDouble(), 2))] = (float)random.NextDouble();
            }

            videos[v * 3 + 1] = concepts;
        }

        return videos;
    }

    private static void Index(ConceptIndex index, int video, Dictionary<int, float> concepts) =>
        index.Upsert(video, [.. concepts.Keys], [.. concepts.Values]);

    private static void AssertSameAsBruteForce(ConceptIndex index, Dictionary<int, Dictionary<int, float>> videos, int[] query, float[] weights, int k)
    {
        var expected = videos
            .Select(p => (Video: p.Key, Score: query.Select((c, i) => weights[i] * p.Value.GetValueOrDefault(c)).Sum()))
            .Where(p => p.Score > 0).OrderByDescending(p => p.Score).ThenBy(p => p.Video).ToList();
        var tolerance = weights.Sum() / 255f + 1e-5f;

        var actual = index.Search(query, weights, k);

        Assert.Equal(Math.Min(k, expected.Count), actual.Count);
        for (var i = 0; i < actual.Count; i++)
        {
            // The i-th score matches the exact ranking within the quantisation error, and every video's score is its own.
            Assert.Equal(expected[i].Score, actual[i].Score, tolerance);
            Assert.Equal(query.Select((c, j) => weights[j] * videos[actual[i].Video].GetValueOrDefault(c)).Sum(), actual[i].Score, tolerance);
            Assert.Equal(query.Select((c, j) => weights[j] * index.Value(actual[i].Video, c)).Sum(), actual[i].Score, 1e-5f);
        }

        Assert.True(actual.Zip(actual.Skip(1)).All(p => p.First.Score > p.Second.Score || p.First.Score == p.Second.Score && p.First.Video < p.Second.Video));
    }

    [Fact]
    public void Search_EqualsBruteForceWithinTheQuantisationError()
    {
        var random = new Random(11);
        var videos = RandomVideos(random, 3000);
        var index = new ConceptIndex();
        foreach (var (v, concepts) in videos.OrderBy(_ => random.Next()))
        {
            Index(index, v, concepts);
        }

        Assert.Equal(3000, index.VideoCount);
        for (var q = 0; q < 20; q++)
        {
            var query = Enumerable.Range(0, Concepts).OrderBy(_ => random.Next()).Take(random.Next(1, 10)).ToArray();
            var weights = query.Select(_ => (float)random.NextDouble()).ToArray();
            AssertSameAsBruteForce(index, videos, query, weights, random.Next(1, 50));
        }
    }

    [Fact]
    public void Search_AfterRemoveAndUpsert_SeesOnlyTheCurrentPostings()
    {
        var random = new Random(5);
        var videos = RandomVideos(random, 2000);
        var index = new ConceptIndex(Concepts);
        foreach (var (v, concepts) in videos)
        {
            Index(index, v, concepts);
        }

        foreach (var v in videos.Keys.Where(v => v % 2 == 0).ToList())
        {
            index.Remove(v);
            videos.Remove(v);
        }

        foreach (var v in videos.Keys.Where(v => v % 5 == 0).ToList())
        {
            videos[v] = new Dictionary<int, float> { [0] = 1f, [random.Next(Concepts)] = 0.5f };
            Index(index, v, videos[v]);
        }

        Assert.Equal(videos.Count, index.VideoCount);
        Assert.Equal(0f, index.Value(10, 0)); // video 10 was removed
        AssertSameAsBruteForce(index, videos, [0, 1, 2], [1f, 0.5f, 0.25f], 100);
        AssertSameAsBruteForce(index, videos, [3, 7, 40], [0.2f, 0.3f, 0.5f], 2000);
    }

    [Fact]
    public void Search_BreaksTiesBySmallerVideoAndHonoursTheFilter()
    {
        var index = new ConceptIndex();
        foreach (var v in new[] { 9, 4, 7, 2 })
        {
            index.Upsert(v, [3], [0.5f]);
        }

        index.Upsert(5, [3, 1], [0.5f, 0.2f]);

        Assert.Equal([5, 2, 4], index.Search([3, 1], [1f, 1f], 3).Select(r => r.Video));
        Assert.Equal([7, 9], index.Search([3], [1f], 3, v => v > 5).Select(r => r.Video));
        Assert.Empty(index.Search([8, 100], [1f, 1f], 3));
    }

    [Fact]
    public void SaveAndLoad_RoundTripsPostingsAndSequence()
    {
        var random = new Random(2);
        var videos = RandomVideos(random, 1500);
        var index = new ConceptIndex();
        foreach (var (v, concepts) in videos)
        {
            Index(index, v, concepts);
        }

        index.Remove(4);
        videos.Remove(4);
        index.Upsert(10_000, [], []);
        var path = Path.Combine(TestMedia.NewFolder(), "sub", "concepts.idx");

        index.Save(path, sequence: 42);
        var loaded = ConceptIndex.Load(path, out var sequence);

        Assert.Equal(42, sequence);
        Assert.Equal(index.VideoCount, loaded.VideoCount);
        foreach (var (v, concepts) in videos)
        {
            foreach (var c in Enumerable.Range(0, Concepts))
            {
                Assert.Equal(index.Value(v, c), loaded.Value(v, c));
            }
        }

        int[] query = [0, 5, 9];
        float[] weights = [0.5f, 0.3f, 0.2f];
        Assert.Equal(index.Search(query, weights, 50), loaded.Search(query, weights, 50));
        loaded.Remove(videos.Keys.First());
        Assert.Equal(index.VideoCount - 1, loaded.VideoCount);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
    }

    [Fact]
    public void Load_OfADamagedFile_SaysWhichFileIsCorrupt()
    {
        var index = new ConceptIndex();
        index.Upsert(1, [0, 2], [0.5f, 0.9f]);
        var path = Path.Combine(TestMedia.NewFolder(), "concepts.idx");
        index.Save(path, 1);
        var bytes = File.ReadAllBytes(path);

        bytes[20] ^= 0x40;
        File.WriteAllBytes(path, bytes);
        var flipped = Assert.Throws<InvalidDataException>(() => ConceptIndex.Load(path, out _));
        File.WriteAllBytes(path, bytes[..10]);
        var truncated = Assert.Throws<InvalidDataException>(() => ConceptIndex.Load(path, out _));

        Assert.Contains(path, flipped.Message);
        Assert.Contains("corrupt", flipped.Message);
        Assert.Contains(path, truncated.Message);
    }

    [Fact]
    public void Upsert_RejectsMismatchedOrRepeatedConcepts()
    {
        var index = new ConceptIndex();

        Assert.Throws<ArgumentException>(() => index.Upsert(1, [1, 2], [0.5f]));
        Assert.Throws<ArgumentException>(() => index.Upsert(1, [1, 1], [0.5f, 0.6f]));
        Assert.Equal(0, index.VideoCount);
    }
}
