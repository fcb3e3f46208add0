namespace Cbvr.Detectors.Vision;

/// <summary>Box geometry for detectors: intersection over union and greedy non-maximum suppression.</summary>
public static class BoxMath
{
    /// <summary>Intersection over union of two boxes (0 when either is empty).</summary>
    public static float IoU(BoxF a, BoxF b)
    {
        var w = Math.Min(a.X + a.Width, b.X + b.Width) - Math.Max(a.X, b.X);
        var h = Math.Min(a.Y + a.Height, b.Y + b.Height) - Math.Max(a.Y, b.Y);
        if (w <= 0 || h <= 0)
        {
            return 0;
        }

        var inter = w * h;
        var union = (a.Width * a.Height) + (b.Width * b.Height) - inter;
        return union > 0 ? inter / union : 0;
    }

    /// <summary>
    /// Greedy NMS within each concept: objects by descending score (ties by position, so the result is deterministic), each
    /// dropped when it overlaps an already kept object of the same concept by more than <paramref name="iouThreshold"/>.
    /// </summary>
    public static List<DetectedObject> Suppress(IEnumerable<DetectedObject> objects, float iouThreshold)
    {
        var kept = new List<DetectedObject>();
        var ordered = objects.OrderByDescending(o => o.Score).ThenBy(o => o.Concept, StringComparer.Ordinal)
            .ThenBy(o => o.Box.Y).ThenBy(o => o.Box.X).ThenBy(o => o.Box.Width).ThenBy(o => o.Box.Height);
        foreach (var candidate in ordered)
        {
            if (!kept.Exists(k => k.Concept == candidate.Concept && IoU(k.Box, candidate.Box) > iouThreshold))
            {
                kept.Add(candidate);
            }
        }

        return kept;
    }

    /// <summary>The part of a box inside a <paramref name="width"/> x <paramref name="height"/> image.</summary>
    public static BoxF Clip(BoxF box, int width, int height)
    {
        var x0 = Math.Clamp(box.X, 0, width);
        var y0 = Math.Clamp(box.Y, 0, height);
        var x1 = Math.Clamp(box.X + box.Width, 0, width);
        var y1 = Math.Clamp(box.Y + box.Height, 0, height);
        return new BoxF(x0, y0, x1 - x0, y1 - y0);
    }

    /// <summary>Per concept, the highest score and the number of objects, highest first (ties by concept id).</summary>
    public static IReadOnlyList<ConceptScore> PerConcept(IEnumerable<DetectedObject> objects) =>
        [.. objects.GroupBy(o => o.Concept, StringComparer.Ordinal)
            .Select(g => new ConceptScore(g.Key, g.Max(o => o.Score), g.Count()))
            .OrderByDescending(c => c.Score).ThenBy(c => c.Concept, StringComparer.Ordinal)];
}
