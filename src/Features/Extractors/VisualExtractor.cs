using Cbvr.Features.Store;
using Cbvr.Features.Visual;
using Cbvr.Ingest.Decode;
using OpenCvSharp;

namespace Cbvr.Features.Extractors;

/// <summary>
/// Low-level visual descriptors of every sampled frame (HSV colour histogram, uniform LBP texture, Farneback motion histogram):
/// per frame (<c>*.frame</c>), pooled per shot (mean over the shot's frames, <c>*.shot</c>) and per video (mean and max over
/// shots, <c>*.video</c>). Computed while ingest decodes, so the frames are read once.
/// </summary>
public sealed class VisualExtractor : IFeatureExtractor
{
    public string Id => "visual";

    public int Version => 1;

    public string ModelHash => "";

    public string? DisabledReason => null;

    public bool NeedsFrames => true;

    public bool NeedsAudio => false;

    public IReadOnlyList<string> Features => FrameDescriptorSet.Names;

    public IFeatureRun Begin(VideoContentInfo video) => new Run(this);

    private sealed class Run(VisualExtractor owner) : IFeatureRun
    {
        private readonly FrameDescriptorSet _set = new();
        private readonly List<FrameDescriptors> _frames = [];

        public unsafe void OnFrame(VideoFrame frame)
        {
            fixed (byte* pixels = frame.Pixels)
            {
                using var mat = Mat.FromPixelData(frame.Height, frame.Width, MatType.CV_8UC3, (nint)pixels);
                _frames.Add(_set.Add(mat, frame.TimeSeconds));
            }
        }

        public void Complete(VideoContent content, string featuresFolder, CancellationToken cancellationToken)
        {
            if (_frames.Count == 0)
            {
                throw new InvalidOperationException("no frames were decoded for the visual descriptors");
            }

            var shots = content.Shots.Select(s => DescriptorPooling.Shot(_frames, s.StartSeconds, s.EndSeconds)).ToList();
            var (mean, max) = DescriptorPooling.Video(shots);
            for (var kind = 0; kind < FrameDescriptorSet.Names.Count; kind++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var name = FrameDescriptorSet.Names[kind];
                var d = FrameDescriptorSet.Dimensions[kind];
                FeatureFile.Write(featuresFolder, owner.Tag(name, Granularity.Frame), Stack(_frames.Select(f => f.Descriptors[kind]), d), _frames.Count, d);
                FeatureFile.Write(featuresFolder, owner.Tag(name, Granularity.Shot), Stack(shots.Select(s => s[kind]), d), shots.Count, d);
                FeatureFile.Write(featuresFolder, owner.Tag(name, Granularity.Video), Stack([mean[kind], max[kind]], d), 2, d);
            }
        }

        public void Dispose() => _set.Dispose();

        private static float[] Stack(IEnumerable<float[]> rows, int d)
        {
            var list = rows.ToList();
            var data = new float[list.Count * d];
            for (var i = 0; i < list.Count; i++)
            {
                list[i].AsSpan(0, d).CopyTo(data.AsSpan(i * d, d));
            }

            return data;
        }
    }

    private FeatureTag Tag(string feature, Granularity granularity) => new(feature, granularity, Id, Version, ModelHash);
}
