namespace Cbvr.Search.Text;

/// <summary>One ASR/OCR segment found by a full-text query: its video and the segment as a snippet (shot, times, BM25 score).</summary>
/// <param name="VideoId">Id of the video the segment belongs to.</param>
/// <param name="Snippet">The segment: field ("asr"/"ocr"), shot, times, text cut around the match, and its own BM25 score.</param>
public sealed record SegmentHit(string VideoId, TextSnippet Snippet);
