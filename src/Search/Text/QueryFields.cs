namespace Cbvr.Search.Text;

/// <summary>Which Lucene fields one query targets; null leaves that kind of text out.</summary>
internal sealed record QueryFields(string? Asr, string? Ocr, string? OcrGrams, string? File, string? Title, string? Concept)
{
    /// <summary>The video-level fields (ranking of videos).</summary>
    public static QueryFields Video { get; } =
        new(TextFields.Asr, TextFields.Ocr, TextFields.OcrGrams, TextFields.File, TextFields.Title, TextFields.Concept);

    /// <summary>The segment fields (snippets with times).</summary>
    public static QueryFields Segment { get; } =
        new(TextFields.SegmentAsr, TextFields.SegmentOcr, TextFields.SegmentOcrGrams, null, null, null);

    public static QueryFields FileOnly { get; } = new(null, null, null, TextFields.File, null, null);

    public static QueryFields TitleOnly { get; } = new(null, null, null, null, TextFields.Title, null);

    public static QueryFields ConceptOnly { get; } = new(null, null, null, null, null, TextFields.Concept);
}
