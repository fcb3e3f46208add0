using System.ComponentModel.DataAnnotations;

namespace Cbvr.Search;

/// <summary>Settings of the search layer (section <c>Search</c>).</summary>
public sealed class SearchOptions
{
    public const string SectionName = "Search";

    /// <summary>Hits returned when a request does not say.</summary>
    [Range(1, 10_000)]
    public int DefaultLimit { get; set; } = 20;

    /// <summary>Longest accepted query text, in characters.</summary>
    [Range(16, 1_000_000)]
    public int MaxQueryLength { get; set; } = 8192;

    /// <summary>Concepts kept per video in the concept index (the salient ones after concept adjustment).</summary>
    [Range(1, 1000)]
    public int ConceptsPerVideo { get; set; } = 30;

    /// <summary>Concept adjustment (ALGORITHMS.md 5): share of the L1 part of the penalty.</summary>
    [Range(0.0, 1.0)]
    public double AdjustmentAlpha { get; set; } = 0.8;

    /// <summary>Concept adjustment strength (0 keeps raw scores).</summary>
    [Range(0.0, 1.0)]
    public double AdjustmentBeta { get; set; } = 0.1;

    /// <summary>Concepts kept from semantic query generation.</summary>
    [Range(1, 100)]
    public int QueryConcepts { get; set; } = 10;

    /// <summary>Lowest MiniLM cosine for a query phrase to map to a concept.</summary>
    [Range(0.0, 1.0)]
    public float MinConceptSimilarity { get; set; } = 0.45f;

    /// <summary>Videos at most in the background sample an event model is trained against.</summary>
    [Range(10, 1_000_000)]
    public int BackgroundSample { get; set; } = 2000;

    /// <summary>Collections at least this large answer vector queries with the HNSW index instead of the exact scan.</summary>
    [Range(1, int.MaxValue)]
    public int AnnMinVectors { get; set; } = 50_000;

    /// <summary>Self-paced reranking when a request does not say (on only if it helped on the measured benchmark).</summary>
    public bool RerankByDefault { get; set; }

    /// <summary>Reranking looks at most this deep into the initial list.</summary>
    [Range(20, 1_000_000)]
    public int RerankDepth { get; set; } = 2000;

    /// <summary>Seconds between saves of the concept and vector index files while changes arrive (Lucene commits every sync).</summary>
    [Range(0, 86_400)]
    public int SaveIntervalSeconds { get; set; } = 30;

    /// <summary>Weights of the modalities in late fusion, by modality name; missing ones weigh 1. <c>cbvr fusion fit</c> writes data/fusion.json, which wins.</summary>
    public Dictionary<string, double> Weights { get; set; } = [];

    /// <summary>Score normalisation per modality before fusion: <c>ZScore</c> or <c>Rank</c>.</summary>
    public string Normalization { get; set; } = "ZScore";
}
