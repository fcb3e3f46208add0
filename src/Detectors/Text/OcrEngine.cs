using OpenCvSharp;

namespace Cbvr.Detectors.Text;

/// <summary>Reads the text lines of one image: DB detection, CTC recognition, confidence filter, reading order.</summary>
public sealed class OcrEngine(TextDetector detector, TextRecognizer recognizer, OcrOptions options)
{
    /// <summary>Lines in <paramref name="bgr"/> (8-bit BGR) in reading order, boxes in its pixels.</summary>
    public IReadOnlyList<RecognizedLine> Read(Mat bgr)
    {
        var boxes = detector.Detect(bgr);
        if (boxes.Count == 0)
        {
            return [];
        }

        var texts = recognizer.Recognize(bgr, boxes);
        var lines = new List<RecognizedLine>(boxes.Count);
        for (var i = 0; i < boxes.Count; i++)
        {
            var (text, confidence) = texts[i];
            text = text.Trim();
            if (text.Length > 0 && confidence >= options.MinConfidence)
            {
                lines.Add(new RecognizedLine(text, confidence, boxes[i]));
            }
        }

        return InReadingOrder(lines);
    }

    /// <summary>
    /// Top to bottom, then left to right: lines whose vertical centres are within half a line height of a row's first line
    /// form one row, ordered by their left edge.
    /// </summary>
    public static IReadOnlyList<RecognizedLine> InReadingOrder(IReadOnlyList<RecognizedLine> lines)
    {
        var byCentre = lines.OrderBy(l => CentreY(l)).ThenBy(l => l.Box.Bounds.X).ToList();
        var ordered = new List<RecognizedLine>(lines.Count);
        var start = 0;
        while (start < byCentre.Count)
        {
            var first = byCentre[start];
            var limit = CentreY(first) + (first.Box.Bounds.Height / 2);
            var end = start + 1;
            while (end < byCentre.Count && CentreY(byCentre[end]) <= limit)
            {
                end++;
            }

            ordered.AddRange(byCentre.GetRange(start, end - start).OrderBy(l => l.Box.Bounds.X));
            start = end;
        }

        return ordered;
    }

    private static float CentreY(RecognizedLine line) => line.Box.Bounds.Y + (line.Box.Bounds.Height / 2);
}
