namespace Cbvr.Features.Store;

/// <summary>Rows of a feature matrix: one per sampled frame, per shot, per audio frame, or per video (pooled).</summary>
public enum Granularity
{
    Frame,
    Shot,
    AudioFrame,
    Video,
}

/// <summary>Storage precision. Half precision halves the size; its relative error (~5e-4) is negligible for these features.</summary>
public enum FeatureType : ushort
{
    Float32 = 0,
    Float16 = 1,
}

/// <summary>
/// What a stored block is and what made it: the feature, its rows, and the extractor id, version and model hash. A block whose
/// tag differs from the current extractor's is stale and is recomputed (<c>cbvr reextract</c>); others are left alone.
/// </summary>
public sealed record FeatureTag(string Feature, Granularity Granularity, string Extractor, int Version, string ModelHash)
{
    /// <summary>File name of the block inside a video's <c>features</c> folder, e.g. <c>resnet18.shot.cbf</c>.</summary>
    public string FileName => FileNameOf(Feature, Granularity);

    public static string FileNameOf(string feature, Granularity granularity) => $"{feature}.{granularity.ToString().ToLowerInvariant()}.cbf";

    /// <summary>True when <paramref name="other"/> was made by the same extractor version and model.</summary>
    public bool SameProducer(FeatureTag other) => Extractor == other.Extractor && Version == other.Version && ModelHash == other.ModelHash;
}
