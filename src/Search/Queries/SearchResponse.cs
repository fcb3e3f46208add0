using Cbvr.Search.Concepts;
using Cbvr.Search.Text;

namespace Cbvr.Search.Queries;

/// <summary>The answer: ranked hits with their evidence, the query as generated, optional groups, and what it cost.</summary>
public sealed record SearchResponse(
    string Kind,
    GeneratedQuery? Query,
    IReadOnlyList<string> Modalities,
    IReadOnlyList<SearchHit> Hits,
    IReadOnlyList<HitGroup>? Groups,
    IReadOnlyList<RerankStep>? Rerank,
    int Searched,
    IReadOnlyList<string> Notes,
    IReadOnlyDictionary<string, long> TimingsMs);

/// <summary>A ranked video with the evidence for it (Multimedia Event Recounting).</summary>
public sealed record SearchHit(int Rank, string VideoId, string FileName, double DurationSeconds, float Score, HitEvidence Evidence);

/// <summary>Why a video matched: contributing concepts, text snippets with times, the best shot, and each modality's score.</summary>
public sealed record HitEvidence(
    IReadOnlyList<ConceptEvidence> Concepts,
    IReadOnlyList<TextSnippet> Snippets,
    BestShot? Shot,
    IReadOnlyDictionary<string, ModalityScore>? Modalities);

/// <summary>A concept's part in a hit: its value in the video, its query weight, their product, and its strongest shot.</summary>
public sealed record ConceptEvidence(string Id, string Name, float Value, float Weight, float Contribution, int? Shot, double? ShotStartSeconds);

/// <summary>The shot that best shows the match.</summary>
public sealed record BestShot(int Index, double StartSeconds, double EndSeconds, string? KeyframeFile, string Reason);

/// <summary>A modality's raw score for the hit, its normalised score, and its weight in the fusion.</summary>
public sealed record ModalityScore(float Raw, float Normalized, double Weight);

/// <summary>A group of hits (result grouping), labelled by its dominant concepts.</summary>
public sealed record HitGroup(int Id, string Label, IReadOnlyList<string> Concepts, IReadOnlyList<string> VideoIds);

/// <summary>One round of reranking: pseudo-positives and negatives used, and how many of the top changed.</summary>
public sealed record RerankStep(int Round, int Positives, int Negatives, int TopChanged);
