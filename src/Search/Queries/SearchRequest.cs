namespace Cbvr.Search.Queries;

/// <summary>
/// A search: text (0Ex), examples (video ids in the library or files to analyse outside it), or both; with filters, reranking,
/// grouping and relevance feedback (videos the user marked as relevant or not).
/// </summary>
public sealed record SearchRequest
{
    public string? Text { get; init; }

    /// <summary>An event name or title: its words weigh double in semantic query generation.</summary>
    public string? Title { get; init; }

    public IReadOnlyList<string> ExampleIds { get; init; } = [];

    public IReadOnlyList<string> ExampleFiles { get; init; } = [];

    /// <summary>Hits to return (the service's default when null).</summary>
    public int? Limit { get; init; }

    /// <summary>Self-paced reranking; the configured default when null.</summary>
    public bool? Rerank { get; init; }

    public bool Group { get; init; }

    /// <summary>Adds per-modality scores and the full generated query to the response.</summary>
    public bool Explain { get; init; }

    public SearchFilters Filters { get; init; } = new();

    public IReadOnlyList<string> Relevant { get; init; } = [];

    public IReadOnlyList<string> Irrelevant { get; init; } = [];

    /// <summary>Only these modalities (all when empty): for single-modality runs and benchmarks.</summary>
    public IReadOnlyList<string> Modalities { get; init; } = [];

    /// <summary>Also rank videos no modality has evidence for (an evaluation ranks every trial); off for people.</summary>
    public bool IncludeUnmatched { get; init; }

    /// <summary>Only these videos (all when null): an evaluation's collection.</summary>
    public IReadOnlyList<string>? Within { get; init; }

    /// <summary>Videos never returned (e.g. the examples themselves in an evaluation).</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];
}

/// <summary>Which videos may be returned.</summary>
public sealed record SearchFilters
{
    public double? MinDurationSeconds { get; init; }

    public double? MaxDurationSeconds { get; init; }

    public DateTimeOffset? IngestedAfter { get; init; }

    public DateTimeOffset? IngestedBefore { get; init; }

    public bool? HasSpeech { get; init; }

    public bool? HasText { get; init; }

    public bool Accepts(Library.VideoEntry video) =>
        (MinDurationSeconds is not { } min || video.DurationSeconds >= min)
        && (MaxDurationSeconds is not { } max || video.DurationSeconds <= max)
        && (IngestedAfter is not { } after || video.IngestedAt >= after)
        && (IngestedBefore is not { } before || video.IngestedAt <= before)
        && (HasSpeech is not { } speech || video.HasSpeech == speech)
        && (HasText is not { } text || video.HasText == text);
}
