using System.Buffers;

namespace Cbvr.Search.Concepts;

/// <summary>
/// Inverted index of adjusted video-level concept scores (ALGORITHMS.md 5): per concept a posting list of (video, byte score
/// q = round(255 v)) sorted by video, with its maximum. A query sums w_c q/255 term by term into a dense accumulator and keeps
/// the top k in a bounded heap, so it costs the total length of the query's posting lists plus one pass over the accumulator.
/// Videos and concepts are dense ordinals chosen by the caller. Thread-safe: searches run in parallel, updates one at a time.
/// </summary>
public sealed partial class ConceptIndex
{
    private readonly ReaderWriterLockSlim _lock = new();
    private PostingList[] _lists;
    private int[]?[] _videoConcepts = [];
    private int _videoSlots;
    private int _videoCount;

    public ConceptIndex(int conceptCapacity = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(conceptCapacity);
        _lists = new PostingList[conceptCapacity];
        for (var c = 0; c < conceptCapacity; c++)
        {
            _lists[c] = new PostingList();
        }
    }

    /// <summary>Videos upserted and not removed (a video whose scores all round to 0 counts too).</summary>
    public int VideoCount => Read(() => _videoCount);

    /// <summary>Bytes held by the postings (id and value per posting, tombstones included) and the per-video concept lists.</summary>
    public long SizeBytes => Read(() => _lists.Sum(l => (long)l.Videos.Length * 5) + _videoConcepts.Sum(c => c is null ? 0L : c.Length * 4L + 24) + _videoConcepts.Length * 8L);

    /// <summary>
    /// Replaces the postings of <paramref name="video"/> with <paramref name="values"/> (in [0,1], clamped) of <paramref name="concepts"/>;
    /// values that quantise to 0 are not stored.
    /// </summary>
    public void Upsert(int video, ReadOnlySpan<int> concepts, ReadOnlySpan<float> values)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(video);
        if (concepts.Length != values.Length)
        {
            throw new ArgumentException($"{concepts.Length} concepts but {values.Length} values", nameof(values));
        }

        var kept = new List<(int Concept, byte Value)>(concepts.Length);
        for (var i = 0; i < concepts.Length; i++)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(concepts[i], nameof(concepts));
            if (float.IsNaN(values[i]))
            {
                throw new ArgumentException($"video {video}: the value of concept {concepts[i]} is NaN", nameof(values));
            }

            var q = Quantise(values[i]);
            if (q > 0)
            {
                kept.Add((concepts[i], q));
            }
        }

        kept.Sort((a, b) => a.Concept.CompareTo(b.Concept));
        for (var i = 1; i < kept.Count; i++)
        {
            if (kept[i].Concept == kept[i - 1].Concept)
            {
                throw new ArgumentException($"video {video}: concept {kept[i].Concept} is given twice", nameof(concepts));
            }
        }

        _lock.EnterWriteLock();
        try
        {
            EnsureVideo(video);
            var old = _videoConcepts[video];
            if (old is null)
            {
                _videoCount++;
            }
            else
            {
                foreach (var c in old)
                {
                    if (kept.BinarySearch((c, 0), ByConcept) < 0)
                    {
                        _lists[c].Clear(video);
                    }
                }
            }

            if (kept.Count > 0)
            {
                EnsureConcept(kept[^1].Concept);
            }

            foreach (var (c, q) in kept)
            {
                _lists[c].Set(video, q);
            }

            _videoConcepts[video] = [.. kept.Select(k => k.Concept)];
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Removes every posting of <paramref name="video"/> (a no-op when it is not indexed).</summary>
    public void Remove(int video)
    {
        _lock.EnterWriteLock();
        try
        {
            if (video < 0 || video >= _videoSlots || _videoConcepts[video] is not { } old)
            {
                return;
            }

            foreach (var c in old)
            {
                _lists[c].Clear(video);
            }

            _videoConcepts[video] = null;
            _videoCount--;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>The stored (dequantised) value of <paramref name="concept"/> for <paramref name="video"/>, 0 when absent.</summary>
    public float Value(int video, int concept) =>
        Read(() => concept >= 0 && concept < _lists.Length ? _lists[concept].Get(video) / 255f : 0f);

    /// <summary>The stored concepts of <paramref name="video"/> with their dequantised values (empty when not indexed).</summary>
    public (int[] Concepts, float[] Values) ConceptsOf(int video) => Read(() =>
    {
        if (video < 0 || video >= _videoSlots || _videoConcepts[video] is not { } concepts)
        {
            return ([], []);
        }

        return ((int[])concepts.Clone(), concepts.Select(c => _lists[c].Get(video) / 255f).ToArray());
    });

    /// <summary>
    /// The <paramref name="k"/> videos with the highest score sum_c w_c q_c/255 over <paramref name="concepts"/> (weights >= 0),
    /// best first, ties by the smaller video; only videos with a score above 0 that <paramref name="accept"/> (when given) lets through.
    /// </summary>
    public IReadOnlyList<(int Video, float Score)> Search(ReadOnlySpan<int> concepts, ReadOnlySpan<float> weights, int k, Func<int, bool>? accept = null)
    {
        if (concepts.Length != weights.Length)
        {
            throw new ArgumentException($"{concepts.Length} concepts but {weights.Length} weights", nameof(weights));
        }

        foreach (var w in weights)
        {
            if (!(w >= 0) || float.IsInfinity(w))
            {
                throw new ArgumentException($"weight {w} is not a finite number >= 0", nameof(weights));
            }
        }

        if (k <= 0)
        {
            return [];
        }

        _lock.EnterReadLock();
        float[]? scores = null;
        try
        {
            var slots = _videoSlots;
            scores = ArrayPool<float>.Shared.Rent(Math.Max(slots, 1));
            Array.Clear(scores, 0, slots);
            for (var i = 0; i < concepts.Length; i++)
            {
                if (concepts[i] >= 0 && concepts[i] < _lists.Length && weights[i] > 0)
                {
                    Accumulate(_lists[concepts[i]], weights[i] / 255f, scores);
                }
            }

            return TopK(scores.AsSpan(0, slots), k, accept);
        }
        finally
        {
            if (scores is not null)
            {
                ArrayPool<float>.Shared.Return(scores);
            }

            _lock.ExitReadLock();
        }
    }

    private static void Accumulate(PostingList list, float scale, float[] scores)
    {
        var videos = list.Videos.AsSpan(0, list.Count);
        var values = list.Values.AsSpan(0, list.Count);
        for (var j = 0; j < videos.Length; j++)
        {
            scores[videos[j]] += scale * values[j];
        }
    }

    private static List<(int Video, float Score)> TopK(ReadOnlySpan<float> scores, int k, Func<int, bool>? accept)
    {
        // The heap's root is the worst kept result: the lowest score, and of equal scores the larger video. Videos come in
        // ascending order, so a later video with an equal score never displaces a kept one.
        var heap = new PriorityQueue<int, (float Score, int Video)>(k + 1, WorstFirst);
        for (var v = 0; v < scores.Length; v++)
        {
            var s = scores[v];
            if (s > 0 && (heap.Count < k || s > PeekScore(heap)) && (accept is null || accept(v)))
            {
                if (heap.Count == k)
                {
                    heap.Dequeue();
                }

                heap.Enqueue(v, (s, v));
            }
        }

        var result = new List<(int Video, float Score)>(heap.Count);
        while (heap.TryDequeue(out var v, out var p))
        {
            result.Add((v, p.Score));
        }

        result.Sort((a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Video.CompareTo(b.Video));
        return result;
    }

    private static float PeekScore(PriorityQueue<int, (float Score, int Video)> heap) => heap.TryPeek(out _, out var p) ? p.Score : float.NegativeInfinity;

    private static readonly Comparer<(float Score, int Video)> WorstFirst =
        Comparer<(float Score, int Video)>.Create((a, b) => a.Score != b.Score ? a.Score.CompareTo(b.Score) : b.Video.CompareTo(a.Video));

    private static byte Quantise(float value) => (byte)Math.Round(Math.Clamp(value, 0f, 1f) * 255f, MidpointRounding.AwayFromZero);

    private static readonly Comparer<(int Concept, byte Value)> ByConcept = Comparer<(int Concept, byte Value)>.Create((a, b) => a.Concept.CompareTo(b.Concept));

    private void EnsureVideo(int video)
    {
        if (video >= _videoConcepts.Length)
        {
            var grown = new int[]?[Math.Max(video + 1, _videoConcepts.Length * 2)];
            Array.Copy(_videoConcepts, grown, _videoSlots);
            _videoConcepts = grown;
        }

        _videoSlots = Math.Max(_videoSlots, video + 1);
    }

    private void EnsureConcept(int concept)
    {
        if (concept < _lists.Length)
        {
            return;
        }

        var grown = new PostingList[Math.Max(concept + 1, _lists.Length * 2)];
        Array.Copy(_lists, grown, _lists.Length);
        for (var c = _lists.Length; c < grown.Length; c++)
        {
            grown[c] = new PostingList();
        }

        _lists = grown;
    }

    private T Read<T>(Func<T> read)
    {
        _lock.EnterReadLock();
        try
        {
            return read();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }
}
