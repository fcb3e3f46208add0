using Cbvr.Ingest.Decode;

namespace Cbvr.Features.Extractors;

/// <summary>
/// A feature extractor: writes tagged feature blocks for a video (see <see cref="Store.FeatureFile"/>). Extractors that need
/// every sampled frame (<see cref="NeedsFrames"/>) see them during ingest, and re-extraction decodes the source again for them.
/// </summary>
public interface IFeatureExtractor
{
    /// <summary>Step id, also the extractor id in the blocks' tags (e.g. <c>visual</c>, <c>resnet18</c>, <c>mfcc</c>).</summary>
    string Id { get; }

    /// <summary>Bumped when the output changes for the same model.</summary>
    int Version { get; }

    /// <summary>Content tag of the model in use; empty for model-free extractors.</summary>
    string ModelHash { get; }

    /// <summary>Null when usable; otherwise why not.</summary>
    string? DisabledReason { get; }

    bool NeedsFrames { get; }

    /// <summary>Works on the audio track only: writes no blocks for a video without one (which is then not missing output).</summary>
    bool NeedsAudio { get; }

    /// <summary>Feature names this extractor writes (e.g. <c>color</c>, <c>texture</c>, <c>motion</c>).</summary>
    IReadOnlyList<string> Features { get; }

    /// <summary>Starts on one video; the run is fed frames (when <see cref="NeedsFrames"/>) and then completed.</summary>
    IFeatureRun Begin(VideoContentInfo video);
}

/// <summary>One extractor's work on one video.</summary>
public interface IFeatureRun : IDisposable
{
    /// <summary>A sampled frame, in time order; must not be kept.</summary>
    void OnFrame(VideoFrame frame);

    /// <summary>Writes the blocks into <paramref name="featuresFolder"/>.</summary>
    void Complete(VideoContent content, string featuresFolder, CancellationToken cancellationToken);
}
