using System.Numerics.Tensors;

namespace Cbvr.Features.Visual;

/// <summary>Pools frame descriptors into shot descriptors (mean) and shot descriptors into video descriptors (mean and max).</summary>
public static class DescriptorPooling
{
    /// <summary>
    /// The mean of the descriptors of the frames whose time is in [<paramref name="start"/>, <paramref name="end"/>); when
    /// none is, the frame nearest to the shot's middle. <paramref name="frames"/> are in time order and not empty.
    /// Means of L1-normalised histograms stay L1-normalised.
    /// </summary>
    public static VisualDescriptors Shot(IReadOnlyList<FrameDescriptors> frames, double start, double end)
    {
        if (frames.Count == 0)
        {
            throw new ArgumentException("no frames to pool", nameof(frames));
        }

        var first = FirstAtOrAfter(frames, start);
        var last = FirstAtOrAfter(frames, end);
        if (last <= first)
        {
            var nearest = Nearest(frames, first, (start + end) / 2);
            return Combine(1, _ => frames[nearest].Descriptors, max: false);
        }

        return Combine(last - first, i => frames[first + i].Descriptors, max: false);
    }

    /// <summary>The per-descriptor mean and element-wise maximum over the shots of a video (<paramref name="shots"/> not empty).</summary>
    public static (VisualDescriptors Mean, VisualDescriptors Max) Video(IReadOnlyList<VisualDescriptors> shots)
    {
        if (shots.Count == 0)
        {
            throw new ArgumentException("no shots to pool", nameof(shots));
        }

        return (Combine(shots.Count, i => shots[i], max: false), Combine(shots.Count, i => shots[i], max: true));
    }

    private static VisualDescriptors Combine(int count, Func<int, VisualDescriptors> item, bool max)
    {
        var kinds = new float[FrameDescriptorSet.Names.Count][];
        for (var k = 0; k < kinds.Length; k++)
        {
            var pooled = item(0)[k].ToArray();
            for (var i = 1; i < count; i++)
            {
                if (max)
                {
                    TensorPrimitives.Max(pooled, item(i)[k], pooled);
                }
                else
                {
                    TensorPrimitives.Add(pooled, item(i)[k], pooled);
                }
            }

            if (!max)
            {
                TensorPrimitives.Divide(pooled, count, pooled);
            }

            kinds[k] = pooled;
        }

        return new VisualDescriptors(kinds[0], kinds[1], kinds[2]);
    }

    /// <summary>Index of the first frame at or after <paramref name="time"/> (Count when none).</summary>
    private static int FirstAtOrAfter(IReadOnlyList<FrameDescriptors> frames, double time)
    {
        var (lo, hi) = (0, frames.Count);
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (frames[mid].TimeSeconds < time)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>Of the frames either side of <paramref name="index"/>, the one nearest to <paramref name="time"/>.</summary>
    private static int Nearest(IReadOnlyList<FrameDescriptors> frames, int index, double time)
    {
        if (index >= frames.Count)
        {
            return frames.Count - 1;
        }

        return index > 0 && time - frames[index - 1].TimeSeconds <= frames[index].TimeSeconds - time ? index - 1 : index;
    }
}
