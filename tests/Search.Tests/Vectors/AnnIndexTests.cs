using Cbvr.Search.Vectors;
using Cbvr.Tests;

namespace Cbvr.Search.Tests.Vectors;

public sealed class AnnIndexTests
{
    private const int Dimensions = 128;
    private const int Rows = 20_000;
    private const int Queries = 200;

    [Fact]
    public void RecallAt10AgainstExactSearchIsAtLeast95Percent()
    {
        var (exact, queries) = Clustered();
        using (exact)
        using (var ann = AnnIndex.Build(exact, new AnnOptions()))
        {
            Assert.Equal(Rows, ann.Count);
            Assert.True(ann.SizeBytes > (long)Rows * Dimensions * sizeof(float));
            var recall = MeanRecall(exact, ann, queries);
            Assert.True(recall >= 0.95, $"recall@10 {recall:F3}");
            var hits = ann.Search(queries[0], 10);
            var truth = exact.Search(queries[0], 10);
            Assert.Equal(truth[0].Score, hits[0].Score, 1e-4); // score = cosine similarity
        }
    }

    [Fact]
    public void SavedGraphLoadsWithTheSameResults()
    {
        var (exact, queries) = Clustered(rows: 5000);
        var path = Path.Combine(TestMedia.NewFolder("cbvr-ann-"), "ann.usearch");
        using (exact)
        {
            List<IReadOnlyList<(int Key, float Score)>> before;
            using (var ann = AnnIndex.Build(exact, new AnnOptions(Quantization: AnnQuantization.F16)))
            {
                before = queries.Take(20).Select(q => ann.Search(q, 10)).ToList();
                ann.Save(path);
            }
            Assert.False(File.Exists(path + ".tmp"));
            using var loaded = AnnIndex.Load(path, new AnnOptions());
            Assert.Equal(5000, loaded.Count);
            Assert.Equal(Dimensions, loaded.Dimensions);
            Assert.Equal(before, queries.Take(20).Select(q => loaded.Search(q, 10)).ToList());
            Assert.True(MeanRecall(exact, loaded, queries) >= 0.95);
        }
    }

    [Fact]
    public void LoadingACorruptGraphIsAnErrorNamingTheFile()
    {
        var path = Path.Combine(TestMedia.NewFolder("cbvr-ann-"), "ann.usearch");
        File.WriteAllBytes(path, new byte[100]);
        var error = Assert.ThrowsAny<Exception>(() => AnnIndex.Load(path, new AnnOptions()));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ManyMoreConcurrentSearchersThanCoresAllSucceed()
    {
        var (exact, queries) = Clustered(rows: 2000);
        using (exact)
        using (var ann = AnnIndex.Build(exact, new AnnOptions(Threads: 1)))
        {
            var expected = queries.Select(q => ann.Search(q, 5)).ToArray();
            var mismatches = 0;
            var errors = new System.Collections.Concurrent.ConcurrentBag<Exception>();
            var start = new Barrier(16);
            var threads = Enumerable.Range(0, 16).Select(t => new Thread(() =>
            {
                start.SignalAndWait();
                try
                {
                    for (var i = 0; i < 5 * queries.Length; i++)
                    {
                        if (!ann.Search(queries[i % queries.Length], 5).SequenceEqual(expected[i % queries.Length]))
                        {
                            Interlocked.Increment(ref mismatches);
                        }
                    }
                }
                catch (InvalidOperationException error)
                {
                    errors.Add(error); // USearch: "Reserve capacity ahead of searches!" when its context pool runs out
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            Assert.Empty(errors);
            Assert.Equal(0, mismatches);
        }
    }

    [Fact]
    public void UpsertAndRemoveChangeWhatIsFound()
    {
        var (exact, queries) = Clustered(rows: 3000);
        using (exact)
        using (var ann = AnnIndex.Build(exact, new AnnOptions(Quantization: AnnQuantization.I8)))
        {
            var query = queries[0];
            var first = ann.Search(query, 1)[0].Key;
            ann.Remove(first);
            Assert.DoesNotContain(ann.Search(query, 10), h => h.Key == first);
            Assert.Equal(2999, ann.Count);

            ann.Upsert(first, query); // deleted then re-added: now an exact match
            var hit = ann.Search(query, 1)[0];
            Assert.Equal(first, hit.Key);
            Assert.Equal(1f, hit.Score, 0.02); // i8 quantisation
            ann.Upsert(50_000, queries[1]); // a new key beyond the reserved capacity's keys
            Assert.Equal(50_000, ann.Search(queries[1], 1)[0].Key);
            ann.Upsert(50_000, queries[2]); // replaced
            Assert.Equal(50_000, ann.Search(queries[2], 1)[0].Key);
            Assert.Equal(3001, ann.Count);
            ann.Dispose();
            Assert.Throws<ObjectDisposedException>(() => ann.Search(query, 1));
        }
    }

    /// <summary>A clustered collection (rows after the first <paramref name="rows"/> held out as queries).</summary>
    private static (VectorIndex Index, float[][] Queries) Clustered(int rows = Rows)
    {
        var data = VectorBenchmark.SyntheticClustered(rows + Queries, Dimensions, clusters: 200, seed: 7);
        var index = new VectorIndex(Dimensions);
        for (var i = 0; i < rows; i++)
        {
            index.Upsert(i, data.AsSpan(i * Dimensions, Dimensions));
        }
        var queries = Enumerable.Range(rows, Queries).Select(i => data.AsSpan(i * Dimensions, Dimensions).ToArray()).ToArray();
        return (index, queries);
    }

    private static double MeanRecall(VectorIndex exact, AnnIndex ann, float[][] queries) =>
        queries.Average(q => VectorBenchmark.Recall(exact.Search(q, 10), ann.Search(q, 10), 10));
}
