namespace Cbvr.Detectors.Analysis;

/// <summary>Which analysis steps run during ingest, bound from the <c>Analysis</c> configuration section.</summary>
public sealed class AnalysisOptions
{
    public const string SectionName = "Analysis";

    /// <summary>False: ingest stores shots and keyframes only (no features, no detectors).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Step ids switched off, e.g. <c>["asr", "voc"]</c> (see <c>cbvr analysis</c> for the list).</summary>
    public string[] Disabled { get; set; } = [];

    /// <summary>Data folder sub-directory holding trained concept models.</summary>
    public string ConceptsFolder { get; set; } = "concepts";
}
