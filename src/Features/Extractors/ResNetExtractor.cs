using Cbvr.Features.Deep;
using Cbvr.Features.Store;
using Cbvr.Ingest.Decode;

namespace Cbvr.Features.Extractors;

/// <summary>
/// ResNet-18 embedding of each shot's keyframe (<c>resnet18.shot</c>, 512-d, zeros for a shot without keyframe) and of the video
/// (<c>resnet18.video</c>: mean and max over its shots' L2-normalised embeddings). One keyframe per shot rather than every sampled
/// frame: the network is the costliest step of ingest, and a shot is by construction visually stable.
/// </summary>
public sealed class ResNetExtractor(ResNetEmbedder embedder) : IFeatureExtractor
{
    public const string FeatureName = "resnet18";

    public string Id => FeatureName;

    public int Version => 1;

    public string ModelHash => embedder.DisabledReason is null ? embedder.ModelHash : "";

    public string? DisabledReason => embedder.DisabledReason;

    public bool NeedsFrames => false;

    public bool NeedsAudio => false;

    public IReadOnlyList<string> Features => [FeatureName];

    public IFeatureRun Begin(VideoContentInfo video) => new Run(this);

    private sealed class Run(ResNetExtractor owner) : IFeatureRun
    {
        public void OnFrame(VideoFrame frame)
        {
        }

        public void Complete(VideoContent content, string featuresFolder, CancellationToken cancellationToken)
        {
            const int d = ResNetEmbedder.Dimension;
            var shots = content.Shots.Count;
            var data = new float[shots * d];
            var present = Enumerable.Range(0, shots).Where(i => content.Keyframes[i] is not null).ToList();
            cancellationToken.ThrowIfCancellationRequested();

            // The embedder batches by Models:BatchSize itself.
            var embeddings = owner.Embedder.Embed([.. present.Select(i => content.Keyframes[i]!)]);
            for (var k = 0; k < present.Count; k++)
            {
                embeddings[k].CopyTo(data.AsSpan(present[k] * d, d));
            }

            var tag = owner.Tag(Granularity.Shot);
            FeatureFile.Write(featuresFolder, tag, data, shots, d);
            var pooled = Pooling.MeanAndMax(data, d, present, normalise: true);
            FeatureFile.Write(featuresFolder, owner.Tag(Granularity.Video), pooled, 2, d);
        }

        public void Dispose()
        {
        }
    }

    private ResNetEmbedder Embedder => embedder;

    private FeatureTag Tag(Granularity granularity) => new(FeatureName, granularity, Id, Version, ModelHash);
}
