namespace Cbvr.Search.Text;

/// <summary>
/// Lucene field names and query boosts of the text index. A video is one "video" document (fields scored by BM25 at video
/// level) plus one "segment" document per ASR/OCR segment (separate field names, so segment statistics do not distort the
/// video-level BM25 length norms and document frequencies).
/// </summary>
internal static class TextFields
{
    public const string VideoId = "vid";
    public const string Type = "type";
    public const string VideoType = "video";
    public const string SegmentType = "segment";

    public const string Asr = "asr";
    public const string Ocr = "ocr";
    public const string OcrGrams = "ocrgram";
    public const string File = "file";
    public const string Title = "title";
    public const string Concept = "concept";

    public const string SegmentAsr = "seg_asr";
    public const string SegmentOcr = "seg_ocr";
    public const string SegmentOcrGrams = "seg_ocrgram";
    public const string SegmentSource = "seg_source";
    public const string SegmentText = "seg_text";
    public const string Shot = "shot";
    public const string Start = "start";
    public const string End = "end";

    /// <summary>Name of the stored file name (the indexed <see cref="File"/> field holds the split words).</summary>
    public const string FileName = "file_name";

    public const float AsrBoost = 1f;
    public const float OcrBoost = 1f;
    public const float TitleBoost = 1.5f;
    public const float FileBoost = 1f;
    public const float ConceptBoost = 0.5f;

    /// <summary>Extra weight of two adjacent query terms found next to each other, relative to the field's boost.</summary>
    public const float PhraseBoost = 0.5f;

    /// <summary>
    /// Weight of a compacted OCR match relative to <see cref="OcrBoost"/> (its score is this times the number of words it
    /// covers times its idf). OCR text with intact spaces gets it on top of the word matches.
    /// </summary>
    public const float OcrGramBoost = 1f;
}
