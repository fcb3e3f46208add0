namespace Cbvr.Search.Text;

/// <summary>Everything the full-text index holds for one video; an upsert replaces all of it.</summary>
/// <param name="VideoId">Stable id of the video (the deletion key).</param>
/// <param name="FileName">File name; split on '_', '-', '.' and camelCase for indexing, extension dropped.</param>
/// <param name="Title">Optional title from the metadata.</param>
/// <param name="ConceptNames">Names of the concepts detected in the video (concept tags).</param>
/// <param name="Segments">ASR and OCR text with shot times.</param>
public sealed record VideoTextDocument(
    string VideoId,
    string FileName,
    string? Title,
    IReadOnlyList<string> ConceptNames,
    IReadOnlyList<TextSegment> Segments);
