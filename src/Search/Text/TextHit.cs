namespace Cbvr.Search.Text;

/// <summary>One video found by a full-text query, with its BM25 score and the best matching pieces of text.</summary>
/// <param name="VideoId">Id of the video.</param>
/// <param name="Score">Video-level BM25 score (higher is better; comparable within one query only).</param>
/// <param name="Snippets">Best matching pieces, best first.</param>
public sealed record TextHit(string VideoId, float Score, IReadOnlyList<TextSnippet> Snippets);
