using System.Diagnostics;
using Cbvr.Search.Concepts;
using Cbvr.Search.Ranking;
using Cbvr.Search.Text;
using Cbvr.Search.Vectors;

namespace Cbvr.Search.Bench;

/// <summary>Latency of one kind of query at one collection size (milliseconds), with recall@10 for approximate search.</summary>
public sealed record QueryLatency(string Query, int Queries, double P50Ms, double P99Ms, double? RecallAt10 = null);

/// <summary>Everything measured at one synthetic collection size.</summary>
public sealed record SearchBenchResult(
    int Videos,
    int Dimensions,
    IReadOnlyList<QueryLatency> Latencies,
    double ExactScanBytesPerSecond,
    double MemoryReadBytesPerSecond,
    double AnnBuildSeconds,
    double EventModelTrainSeconds,
    double EventModelScoreSeconds,
    IReadOnlyDictionary<string, double> IndexBytesPerVideo,
    IReadOnlyDictionary<string, double> BuildSeconds)
{
    /// <summary>Exact scan throughput as a share of the plain memory-read floor measured in the same process.</summary>
    public double ScanShareOfFloor => ExactScanBytesPerSecond / MemoryReadBytesPerSecond;
}

/// <summary>
/// <c>cbvr bench search</c>: synthetic collections with realistic dimensions and sparsity (512-d clustered embeddings; 2,000
/// concepts with Zipf popularity, 20 salient per video; transcripts and on-screen text drawn from a Zipf vocabulary), indexed by
/// the same classes the library uses, then queried: concept, text, exact and ANN vector queries, and a 100-example event model
/// trained and scored over every video; beside the memory-bandwidth floor of the exact scan.
/// </summary>
public static class SearchBenchmark
{
    private const int Dimensions = 512;
    private const int ConceptCount = 2000;
    private const int ConceptsPerVideo = 20;
    private const int Vocabulary = 20_000;

    public static SearchBenchResult Run(int videos, AnnOptions ann, Action<string>? progress = null, int seed = 1)
    {
        var random = new Random(seed);
        var build = new Dictionary<string, double>();
        var latencies = new List<QueryLatency>();
        var clock = Stopwatch.StartNew();
        progress?.Invoke($"{videos}: vectors");
        var data = VectorBenchmark.SyntheticClustered(videos, Dimensions, Math.Max(16, videos / 1000), seed);
        using var vectors = new VectorIndex(Dimensions);
        for (var i = 0; i < videos; i++)
        {
            vectors.Upsert(i, data.AsSpan(i * Dimensions, Dimensions));
        }

        build["vectors"] = clock.Elapsed.TotalSeconds;
        var queries = Enumerable.Range(0, 40).Select(_ => Perturbed(data, random.Next(videos), random)).ToList();
        var exact = new List<IReadOnlyList<(int Key, float Score)>>();
        latencies.Add(Measure("vector exact", queries, q => exact.Add(vectors.Search(q, 10))));
        // Scan and floor interleaved, best of each: both see the same machine state (other load, page cache).
        var (floor, scanRate) = (0.0, 0.0);
        for (var r = 0; r < 5; r++)
        {
            floor = Math.Max(floor, VectorBenchmark.MemoryReadBytesPerSecond(vectors, Environment.ProcessorCount));
            var start = Stopwatch.GetTimestamp();
            vectors.Search(queries[r], 10);
            scanRate = Math.Max(scanRate, (double)videos * Dimensions * sizeof(float) / Stopwatch.GetElapsedTime(start).TotalSeconds);
        }

        progress?.Invoke($"{videos}: ANN index");
        clock.Restart();
        using var hnsw = AnnIndex.Build(vectors, ann);
        var annSeconds = clock.Elapsed.TotalSeconds;
        var approx = new List<IReadOnlyList<(int Key, float Score)>>();
        var annLatency = Measure("vector ANN", [.. Enumerable.Range(0, 5).SelectMany(_ => queries)], q => approx.Add(hnsw.Search(q, 10)));
        var recall = Enumerable.Range(0, queries.Count).Average(i => VectorBenchmark.Recall(exact[i], approx[i], 10));
        latencies.Add(annLatency with { RecallAt10 = recall });

        progress?.Invoke($"{videos}: concept index");
        clock.Restart();
        var concepts = new ConceptIndex(ConceptCount);
        var zipfConcepts = Zipf(ConceptCount, 1.0);
        var ids = new int[ConceptsPerVideo];
        var values = new float[ConceptsPerVideo];
        for (var v = 0; v < videos; v++)
        {
            var picked = new HashSet<int>();
            while (picked.Count < ConceptsPerVideo)
            {
                picked.Add(Draw(zipfConcepts, random));
            }

            var j = 0;
            foreach (var c in picked.Order())
            {
                (ids[j], values[j]) = (c, 0.05f + (0.95f * random.NextSingle() * random.NextSingle()));
                j++;
            }

            concepts.Upsert(v, ids, values);
        }

        build["concepts"] = clock.Elapsed.TotalSeconds;
        var conceptQueries = Enumerable.Range(0, 200).Select(_ => Enumerable.Range(0, 10).Select(_ => Draw(zipfConcepts, random)).Distinct().ToArray()).ToList();
        latencies.Add(Measure("concepts (10)", conceptQueries, q => concepts.Search(q, [.. q.Select(_ => 1f / q.Length)], 100)));

        progress?.Invoke($"{videos}: text index");
        var textFolder = Directory.CreateTempSubdirectory("cbvr-bench-text-").FullName;
        try
        {
            clock.Restart();
            using var text = TextIndex.Open(textFolder);
            var zipfWords = Zipf(Vocabulary, 1.1);
            for (var v = 0; v < videos; v++)
            {
                var asr = string.Join(' ', Enumerable.Range(0, 25).Select(_ => Word(Draw(zipfWords, random))));
                var ocr = string.Join(' ', Enumerable.Range(0, 3).Select(_ => Word(Draw(zipfWords, random))));
                text.Upsert(new VideoTextDocument(v.ToString("x8", System.Globalization.CultureInfo.InvariantCulture), $"clip_{v}.mp4", null, [],
                    [new TextSegment(0, "asr", 0, 10, asr), new TextSegment(0, "ocr", 2, 4, ocr)]));
            }

            text.Commit(1);
            build["text"] = clock.Elapsed.TotalSeconds;
            var textQueries = Enumerable.Range(0, 200).Select(_ => $"{Word(Draw(zipfWords, random))} {Word(Draw(zipfWords, random))}").ToList();
            latencies.Add(Measure("text (2 words)", textQueries, q => text.Search(q, 100)));

            progress?.Invoke($"{videos}: event model");
            var cluster = exact[0].Select(e => e.Key).Take(1).Single();
            var positives = vectors.Search(data.AsSpan(cluster * Dimensions, Dimensions), 100).Select(h => Row(vectors, h.Key)).ToList();
            var negatives = Enumerable.Range(0, 2000).Select(_ => Row(vectors, random.Next(videos))).ToList();
            clock.Restart();
            var model = LinearEventModel.Train(positives, negatives);
            var train = clock.Elapsed.TotalSeconds;
            clock.Restart();
            var scores = new float[videos];
            vectors.ScoreAll(model.Weights, model.Bias, (key, score) => scores[key] = score);
            var score = clock.Elapsed.TotalSeconds;

            var sizes = new Dictionary<string, double>
            {
                ["vectors"] = (double)vectors.SizeBytes / videos,
                ["ann"] = (double)hnsw.SizeBytes / videos,
                ["concepts"] = (double)concepts.SizeBytes / videos,
                ["text"] = (double)text.SizeBytes / videos,
            };
            return new SearchBenchResult(videos, Dimensions, latencies, scanRate, floor, annSeconds, train, score, sizes, build);
        }
        finally
        {
            Directory.Delete(textFolder, recursive: true);
        }
    }

    private static QueryLatency Measure<T>(string name, IReadOnlyList<T> queries, Action<T> run)
    {
        run(queries[0]);
        var times = new double[queries.Count];
        for (var i = 0; i < queries.Count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            run(queries[i]);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(times);
        return new QueryLatency(name, queries.Count, times[times.Length / 2], times[Math.Min(times.Length - 1, (int)Math.Ceiling(times.Length * 0.99) - 1)]);
    }

    private static float[] Perturbed(float[] data, int row, Random random)
    {
        var q = data.AsSpan(row * Dimensions, Dimensions).ToArray();
        for (var i = 0; i < q.Length; i++)
        {
            q[i] += (random.NextSingle() - 0.5f) * 0.01f;
        }

        return q;
    }

    private static float[] Row(VectorIndex index, int key)
    {
        var row = new float[index.Dimensions];
        index.TryGet(key, row);
        return row;
    }

    /// <summary>Cumulative Zipf probabilities over <paramref name="n"/> ranks.</summary>
    private static double[] Zipf(int n, double exponent)
    {
        var cumulative = new double[n];
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            sum += 1 / Math.Pow(i + 1, exponent);
            cumulative[i] = sum;
        }

        for (var i = 0; i < n; i++)
        {
            cumulative[i] /= sum;
        }

        return cumulative;
    }

    private static int Draw(double[] cumulative, Random random)
    {
        var i = Array.BinarySearch(cumulative, random.NextDouble());
        return Math.Min(cumulative.Length - 1, i < 0 ? ~i : i);
    }

    /// <summary>A pronounceable synthetic word for rank <paramref name="i"/>.</summary>
    private static string Word(int i)
    {
        const string Consonants = "bdfgklmnprstvz";
        const string Vowels = "aeiou";
        var chars = new List<char>();
        do
        {
            chars.Add(Consonants[i % Consonants.Length]);
            i /= Consonants.Length;
            chars.Add(Vowels[i % Vowels.Length]);
            i /= Vowels.Length;
        }
        while (i > 0);
        return new string([.. chars]);
    }
}
