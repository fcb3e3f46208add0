using Cbvr.Search.Vectors;
using Cbvr.Tests;

namespace Cbvr.Search.Tests.Vectors;

public sealed class VectorIndexTests
{
    private const int Dimensions = 256; // 1024 rows per scan block, so 3000 rows span several blocks and threads

    [Fact]
    public void ExactTopKEqualsBruteForceOnRandomData()
    {
        var (index, reference) = RandomIndex(3000, seed: 1);
        using (index)
        {
            var random = new Random(2);
            foreach (var k in new[] { 1, 10, 100 })
            {
                var query = VectorReference.RandomVector(random, Dimensions);
                reference.AssertSameTopK(index.Search(query, k), query, k);
            }
            Assert.Equal(3000, index.Search(VectorReference.RandomVector(random, Dimensions), 5000).Count);
        }
    }

    [Fact]
    public void VectorsAreStoredNormalisedSoCosineIsADotProduct()
    {
        using var index = new VectorIndex(3);
        index.Upsert(7, [3, 4, 0]);
        index.Upsert(8, [0, 0, -2]);
        var stored = new float[3];
        Assert.True(index.TryGet(7, stored));
        Assert.Equal([0.6f, 0.8f, 0f], stored);
        var hits = index.Search([30, 40, 0], 2);
        Assert.Equal(7, hits[0].Key);
        Assert.Equal(1f, hits[0].Score, 1e-6);
        Assert.Equal(0f, hits[1].Score, 1e-6);
        Assert.Throws<ArgumentException>(() => index.Upsert(9, [0, 0, 0]));
        Assert.Throws<ArgumentException>(() => index.Upsert(9, [1, 2]));
        Assert.False(index.TryGet(9, stored));
    }

    [Fact]
    public void RemovedKeysDisappearAndCanBeAddedAgain()
    {
        var (index, reference) = RandomIndex(1500, seed: 3);
        using (index)
        {
            var random = new Random(4);
            var query = VectorReference.RandomVector(random, Dimensions);
            var top = index.Search(query, 5);
            foreach (var (key, _) in top.Take(3))
            {
                index.Remove(key);
                reference.Rows.Remove(key);
            }
            index.Remove(123_456); // absent: no effect
            Assert.Equal(reference.Rows.Count, index.Count);
            Assert.False(index.TryGet(top[0].Key, new float[Dimensions]));
            reference.AssertSameTopK(index.Search(query, 10), query, 10);

            index.Upsert(top[0].Key, query); // re-added, now the best match
            reference.Upsert(top[0].Key, query);
            var replaced = VectorReference.RandomVector(random, Dimensions);
            index.Upsert(top[3].Key, replaced); // replaced in place
            reference.Upsert(top[3].Key, replaced);
            var hits = index.Search(query, 10);
            Assert.Equal(top[0].Key, hits[0].Key);
            reference.AssertSameTopK(hits, query, 10);
            Assert.Equal(reference.Rows.Count, index.Count);
        }
    }

    [Fact]
    public void AcceptFilterLimitsResultsToAcceptedKeys()
    {
        var (index, reference) = RandomIndex(2500, seed: 5);
        using (index)
        {
            var query = VectorReference.RandomVector(new Random(6), Dimensions);
            static bool Even(int key) => key % 2 == 0;
            var hits = index.Search(query, 20, Even);
            Assert.All(hits, h => Assert.True(Even(h.Key)));
            reference.AssertSameTopK(hits, query, 20, Even);
        }
    }

    [Fact]
    public void ScoreAllEqualsBruteForceLinearScores()
    {
        var (index, reference) = RandomIndex(2200, seed: 7);
        using (index)
        {
            index.Remove(reference.Rows.Keys.First());
            reference.Rows.Remove(reference.Rows.Keys.First());
            var weights = VectorReference.RandomVector(new Random(8), Dimensions);
            var scores = new Dictionary<int, float>();
            index.ScoreAll(weights, 0.5f, (key, score) => scores.Add(key, score));
            Assert.Equal(reference.Rows.Count, scores.Count);
            foreach (var (key, row) in reference.Rows)
            {
                Assert.Equal(VectorReference.Dot(weights, row) + 0.5, scores[key], 1e-4);
            }
        }
    }

    [Fact]
    public void SaveThenOpenGivesIdenticalResultsFromTheMappedFile()
    {
        var path = Path.Combine(TestMedia.NewFolder("cbvr-vectors-"), "vectors.bin");
        var (index, _) = RandomIndex(2000, seed: 9);
        var queries = Enumerable.Range(0, 5).Select(i => VectorReference.RandomVector(new Random(100 + i), Dimensions)).ToList();
        List<IReadOnlyList<(int Key, float Score)>> before;
        using (index)
        {
            index.Remove(17);
            before = queries.Select(q => index.Search(q, 25)).ToList();
            index.Save(path, sequence: 42);
        }
        Assert.Equal(64 + 1999 * (Dimensions * 4 + 4), new FileInfo(path).Length);
        using var opened = VectorIndex.Open(path, out var sequence);
        Assert.Equal(42, sequence);
        Assert.Equal(1999, opened.Count);
        Assert.Equal(Dimensions, opened.Dimensions);
        for (var i = 0; i < queries.Count; i++)
        {
            Assert.Equal(before[i], opened.Search(queries[i], 25));
        }
    }

    [Fact]
    public void WritesAfterOpenGoToTheTailAndSurviveTheNextSave()
    {
        var path = Path.Combine(TestMedia.NewFolder("cbvr-vectors-"), "vectors.bin");
        var (index, reference) = RandomIndex(1200, seed: 10);
        using (index)
        {
            index.Save(path, 1);
        }
        var random = new Random(11);
        using (var opened = VectorIndex.Open(path, out _))
        {
            for (var key = 5000; key < 5300; key++)
            {
                var vector = VectorReference.RandomVector(random, Dimensions);
                opened.Upsert(key, vector);
                reference.Upsert(key, vector);
            }
            var moved = VectorReference.RandomVector(random, Dimensions);
            opened.Upsert(4, moved); // a mapped row replaced: tombstone plus tail row
            reference.Upsert(4, moved);
            opened.Remove(6);
            reference.Rows.Remove(6);
            opened.Remove(5001);
            reference.Rows.Remove(5001);
            var query = VectorReference.RandomVector(random, Dimensions);
            reference.AssertSameTopK(opened.Search(query, 50), query, 50);
            opened.Save(path, 2); // over the file it maps
            reference.AssertSameTopK(opened.Search(query, 50), query, 50);
            opened.Upsert(9000, query);
            Assert.Equal(9000, opened.Search(query, 1)[0].Key);
        }
        Assert.False(File.Exists(path + ".tmp"));
        using var reopened = VectorIndex.Open(path, out var sequence);
        Assert.Equal(2, sequence);
        Assert.Equal(reference.Rows.Count, reopened.Count);
        var stored = new float[Dimensions];
        foreach (var (key, row) in reference.Rows)
        {
            Assert.True(reopened.TryGet(key, stored));
            Assert.Equal(row, stored, (a, b) => Math.Abs(a - b) < 1e-6);
        }
    }

    [Fact]
    public void ADisposedIndexRefusesUse()
    {
        var path = Path.Combine(TestMedia.NewFolder("cbvr-vectors-"), "vectors.bin");
        var (index, _) = RandomIndex(10, seed: 13);
        index.Save(path, 1); // now memory-mapped: use after dispose must not touch the unmapped rows
        index.Dispose();
        Assert.Throws<ObjectDisposedException>(() => index.Search(new float[Dimensions], 1));
        Assert.Throws<ObjectDisposedException>(() => index.Upsert(1, new float[Dimensions]));
        index.Dispose();
    }

    [Fact]
    public void OpeningATruncatedOrCorruptFileIsAnErrorNamingIt()
    {
        var folder = TestMedia.NewFolder("cbvr-vectors-");
        var path = Path.Combine(folder, "vectors.bin");
        var (index, _) = RandomIndex(100, seed: 12);
        using (index)
        {
            index.Save(path, 3);
        }
        var bytes = File.ReadAllBytes(path);
        var truncated = Path.Combine(folder, "truncated.bin");
        File.WriteAllBytes(truncated, bytes[..^10]);
        var error = Assert.Throws<InvalidDataException>(() => VectorIndex.Open(truncated, out _));
        Assert.Contains(truncated, error.Message, StringComparison.Ordinal);

        var tiny = Path.Combine(folder, "tiny.bin");
        File.WriteAllBytes(tiny, bytes[..20]);
        Assert.Contains(tiny, Assert.Throws<InvalidDataException>(() => VectorIndex.Open(tiny, out _)).Message, StringComparison.Ordinal);

        var garbage = Path.Combine(folder, "garbage.bin");
        var flipped = (byte[])bytes.Clone();
        flipped[0] ^= 0xFF;
        File.WriteAllBytes(garbage, flipped);
        Assert.Contains(garbage, Assert.Throws<InvalidDataException>(() => VectorIndex.Open(garbage, out _)).Message, StringComparison.Ordinal);

        var repeated = Path.Combine(folder, "repeated.bin");
        var keys = (byte[])bytes.Clone();
        Array.Copy(keys, keys.Length - 8, keys, keys.Length - 4, 4); // last key = the one before it
        File.WriteAllBytes(repeated, keys);
        Assert.Contains(repeated, Assert.Throws<InvalidDataException>(() => VectorIndex.Open(repeated, out _)).Message, StringComparison.Ordinal);
    }

    /// <summary>An index of <paramref name="count"/> random vectors under keys with gaps (every key but multiples of 7).</summary>
    private static (VectorIndex Index, VectorReference Reference) RandomIndex(int count, int seed)
    {
        var random = new Random(seed);
        var index = new VectorIndex(Dimensions);
        var reference = new VectorReference();
        for (var key = 0; reference.Rows.Count < count; key++)
        {
            if (key % 7 == 0)
            {
                continue;
            }
            var vector = VectorReference.RandomVector(random, Dimensions);
            index.Upsert(key, vector);
            reference.Upsert(key, vector);
        }
        return (index, reference);
    }
}
