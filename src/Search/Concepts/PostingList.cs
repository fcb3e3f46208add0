namespace Cbvr.Search.Concepts;

/// <summary>
/// One concept's postings: video ids in ascending order with their quantised scores (1..255). A removed posting keeps its slot
/// with value 0 (a tombstone, adding nothing to any score) until enough of them pile up to compact the list.
/// </summary>
internal sealed class PostingList
{
    private const int MinimumCompaction = 64;

    public int[] Videos { get; private set; } = [];

    public byte[] Values { get; private set; } = [];

    /// <summary>Slots in use, tombstones included.</summary>
    public int Count { get; private set; }

    /// <summary>Tombstones among the slots.</summary>
    public int Dead { get; private set; }

    /// <summary>An upper bound of the values (exact after a compaction).</summary>
    public byte Max { get; private set; }

    public int Live => Count - Dead;

    public byte Get(int video)
    {
        var i = Array.BinarySearch(Videos, 0, Count, video);
        return i >= 0 ? Values[i] : (byte)0;
    }

    /// <summary>Sets the value of <paramref name="video"/> (> 0); appending in id order costs O(1), an insertion in the middle a shift.</summary>
    public void Set(int video, byte value)
    {
        var i = Count > 0 && Videos[Count - 1] < video ? ~Count : Array.BinarySearch(Videos, 0, Count, video);
        if (i >= 0)
        {
            Dead -= Values[i] == 0 ? 1 : 0;
            Values[i] = value;
        }
        else
        {
            i = ~i;
            if (Count == Videos.Length)
            {
                var capacity = Math.Max(4, Count * 2);
                var videos = new int[capacity];
                var values = new byte[capacity];
                Array.Copy(Videos, videos, Count);
                Array.Copy(Values, values, Count);
                Videos = videos;
                Values = values;
            }

            Array.Copy(Videos, i, Videos, i + 1, Count - i);
            Array.Copy(Values, i, Values, i + 1, Count - i);
            Videos[i] = video;
            Values[i] = value;
            Count++;
        }

        Max = Math.Max(Max, value);
    }

    /// <summary>Turns the posting of <paramref name="video"/> into a tombstone; compacts when half of the list is dead.</summary>
    public void Clear(int video)
    {
        var i = Array.BinarySearch(Videos, 0, Count, video);
        if (i < 0 || Values[i] == 0)
        {
            return;
        }

        Values[i] = 0;
        Dead++;
        if (Dead >= MinimumCompaction && Dead * 2 >= Count || Dead == Count)
        {
            Compact();
        }
    }

    /// <summary>Drops the tombstones and makes <see cref="Max"/> exact.</summary>
    public void Compact()
    {
        var kept = 0;
        byte max = 0;
        for (var i = 0; i < Count; i++)
        {
            if (Values[i] != 0)
            {
                Videos[kept] = Videos[i];
                Values[kept] = Values[i];
                max = Math.Max(max, Values[i]);
                kept++;
            }
        }

        Count = kept;
        Dead = 0;
        Max = max;
    }

    /// <summary>Builds a list from loaded postings (ascending ids, values > 0).</summary>
    public static PostingList From(int[] videos, byte[] values)
    {
        var list = new PostingList { Videos = videos, Values = values, Count = videos.Length };
        list.Max = values.Length == 0 ? (byte)0 : values.Max();
        return list;
    }
}
