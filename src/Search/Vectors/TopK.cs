namespace Cbvr.Search.Vectors;

/// <summary>
/// The k best (score, key) pairs seen so far: a bounded min-heap whose root is the worst kept pair, so most rows of a scan
/// cost one comparison with <see cref="Threshold"/>. Ties are broken towards the smaller key, making results independent
/// of how a scan was split across threads.
/// </summary>
internal sealed class TopK
{
    private readonly float[] scores;
    private readonly int[] keys;
    private int count;

    public TopK(int k)
    {
        scores = new float[k];
        keys = new int[k];
    }

    /// <summary>A score must exceed this (or equal it with a smaller key) to enter; -infinity until k pairs are kept.</summary>
    public float Threshold => count < scores.Length ? float.NegativeInfinity : scores[0];

    public void Offer(float score, int key)
    {
        if (count < scores.Length)
        {
            var i = count++;
            while (i > 0)
            {
                var parent = (i - 1) / 2;
                if (!Worse(score, key, scores[parent], keys[parent]))
                {
                    break;
                }
                scores[i] = scores[parent];
                keys[i] = keys[parent];
                i = parent;
            }
            scores[i] = score;
            keys[i] = key;
        }
        else if (Worse(scores[0], keys[0], score, key))
        {
            SiftDown(score, key);
        }
    }

    public void OfferAll(TopK other)
    {
        for (var i = 0; i < other.count; i++)
        {
            Offer(other.scores[i], other.keys[i]);
        }
    }

    /// <summary>The kept pairs, best first.</summary>
    public (int Key, float Score)[] ToSortedArray()
    {
        var result = new (int Key, float Score)[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = (keys[i], scores[i]);
        }
        Array.Sort(result, static (a, b) => Worse(a.Score, a.Key, b.Score, b.Key) ? 1 : Worse(b.Score, b.Key, a.Score, a.Key) ? -1 : 0);
        return result;
    }

    private static bool Worse(float score, int key, float otherScore, int otherKey) =>
        score < otherScore || (score == otherScore && key > otherKey);

    private void SiftDown(float score, int key)
    {
        var i = 0;
        while (true)
        {
            var child = 2 * i + 1;
            if (child >= count)
            {
                break;
            }
            if (child + 1 < count && Worse(scores[child + 1], keys[child + 1], scores[child], keys[child]))
            {
                child++;
            }
            if (!Worse(scores[child], keys[child], score, key))
            {
                break;
            }
            scores[i] = scores[child];
            keys[i] = keys[child];
            i = child;
        }
        scores[i] = score;
        keys[i] = key;
    }
}
