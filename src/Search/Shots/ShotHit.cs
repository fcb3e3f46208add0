using Cbvr.Search.Text;

namespace Cbvr.Search.Shots;

/// <summary>
/// One shot found by an ad-hoc text query (<see cref="ShotSearch"/>): where it is, its fused score, and why it matched.
/// </summary>
/// <param name="Rank">1 for the best shot.</param>
/// <param name="VideoId">Library id of the shot's video.</param>
/// <param name="FileName">File name of the video.</param>
/// <param name="ShotIndex">Index of the shot in its video (0-based, as in the catalog).</param>
/// <param name="StartSeconds">Start of the shot in the video.</param>
/// <param name="EndSeconds">End of the shot in the video.</param>
/// <param name="Score">Fused score (weighted mean of the per-modality normalised scores; comparable within one query only).</param>
/// <param name="Concepts">The query concepts detected in the shot, largest contribution first (at most five).</param>
/// <param name="Texts">The shot's ASR/OCR segments that match the query, best first.</param>
public sealed record ShotHit(
    int Rank,
    string VideoId,
    string FileName,
    int ShotIndex,
    double StartSeconds,
    double EndSeconds,
    float Score,
    IReadOnlyList<ShotConcept> Concepts,
    IReadOnlyList<TextSnippet> Texts);
