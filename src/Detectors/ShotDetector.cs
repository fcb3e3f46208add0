using OpenCvSharp;

namespace Cbvr.Detectors;

/// <summary>
/// A semantic detector: per shot, scores for the concepts it knows, and optionally text with times (OCR, ASR).
/// Implementations are singletons that hold their model sessions; <see cref="DetectAsync"/> may run for several videos at once.
/// </summary>
public interface IShotDetector
{
    /// <summary>Stable id, used in configuration (<c>Detectors:Enabled</c>), storage and concept ids (<c>coco:dog</c>).</summary>
    string Id { get; }

    /// <summary>Bumped when the detector's output changes for the same model; stored with every result.</summary>
    int Version { get; }

    /// <summary>Content tag of the model(s) in use (see <c>ModelEntry.Hash</c>); empty for model-free detectors.</summary>
    string ModelHash { get; }

    /// <summary>Null when usable; otherwise why not (e.g. the model pack is absent).</summary>
    string? DisabledReason { get; }

    /// <summary>The concepts this detector scores (empty for text-only detectors).</summary>
    IReadOnlyList<ConceptDefinition> Concepts { get; }

    /// <summary>
    /// True for a detector that mostly waits on a single-threaded process of its own (ASR): it runs beside the other detectors
    /// instead of after them, so a second core is not left idle.
    /// </summary>
    bool RunsBeside => false;

    /// <summary>Runs on one video's shots; returns one entry per shot that has any result.</summary>
    Task<IReadOnlyList<ShotDetections>> DetectAsync(DetectionInput input, CancellationToken cancellationToken);
}

/// <summary>A concept of the bank: id (<c>detector:name</c>), display name, synonyms and a description, for mapping query words.</summary>
public sealed record ConceptDefinition(string Id, string Name, IReadOnlyList<string> Synonyms, string Description);

/// <summary>A concept's score in a shot: a probability-like value in [0,1]; detectors of objects add the count, segmenters the area fraction.</summary>
public sealed record ConceptScore(string Concept, float Score, int? Count = null, float? Area = null);

/// <summary>Text found in a shot, with its time span, confidence and (OCR) box in keyframe pixels.</summary>
public sealed record TextSpan(string Source, double StartSeconds, double EndSeconds, string Text, float Confidence, BoxF? Box = null);

/// <summary>An axis-aligned box in pixels.</summary>
public readonly record struct BoxF(float X, float Y, float Width, float Height);

/// <summary>What a detector found in one shot.</summary>
public sealed record ShotDetections(int Shot, IReadOnlyList<ConceptScore> Concepts, IReadOnlyList<TextSpan> Texts);

/// <summary>One shot given to detectors: its span and keyframe (BGR, owned by the caller; do not dispose).</summary>
public sealed record ShotInput(int Index, double StartSeconds, double EndSeconds, double? KeyframeSeconds, Mat? Keyframe);

/// <summary>
/// One video given to detectors: its shots with keyframes (at the decode size, short side 256 by default), its 16 kHz mono
/// audio (null when the video has none), the source file, for a detector that needs full-resolution frames, and the folder of
/// the video's feature blocks (written by the extractors, which run before detectors).
/// </summary>
public sealed record DetectionInput(string VideoId, string SourcePath, double DurationSeconds, IReadOnlyList<ShotInput> Shots, AudioTrack? Audio, string? FeaturesFolder = null);

/// <summary>Mono audio samples in [-1,1] and the path of the WAV file they came from.</summary>
public sealed record AudioTrack(float[] Samples, int SampleRate, string Path)
{
    public double DurationSeconds => (double)Samples.Length / SampleRate;
}
