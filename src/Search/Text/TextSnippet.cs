namespace Cbvr.Search.Text;

/// <summary>
/// Why a video matched: a matching ASR/OCR segment (with shot and times) or a match in the file name, title or concept tags
/// (no times).
/// </summary>
/// <param name="Field">"asr", "ocr", "file", "title" or "concept".</param>
/// <param name="Shot">Shot of the segment; null for file/title/concept.</param>
/// <param name="StartSeconds">Segment start; null for file/title/concept.</param>
/// <param name="EndSeconds">Segment end; null for file/title/concept.</param>
/// <param name="Text">Stored text, trimmed to about 160 characters around the first matched term.</param>
/// <param name="Score">BM25 score of this piece alone for the query.</param>
public sealed record TextSnippet(string Field, int? Shot, double? StartSeconds, double? EndSeconds, string Text, float Score);
