using Cbvr.Features.Audio;
using Cbvr.Features.Store;
using Cbvr.Ingest.Decode;

namespace Cbvr.Features.Extractors;

/// <summary>
/// MFCC + deltas + delta-deltas (39 per 10 ms) of the 16 kHz track: every audio frame (<c>mfcc.audioframe</c>, the local
/// descriptors codebooks are learned from), the mean per shot (<c>mfcc.shot</c>) and the video's mean and standard deviation
/// (<c>mfcc.video</c>, 2 rows). A video without audio gets no blocks.
/// </summary>
public sealed class MfccExtractor : IFeatureExtractor
{
    public const string FeatureName = "mfcc";

    public string Id => FeatureName;

    public int Version => 1;

    public string ModelHash => "";

    public string? DisabledReason => null;

    public bool NeedsFrames => false;

    public bool NeedsAudio => true;

    public IReadOnlyList<string> Features => [FeatureName];

    /// <summary>Time of the centre of audio frame <paramref name="frame"/>, in seconds.</summary>
    public static double FrameTime(int frame) => ((frame * (double)Mfcc.Hop) + (Mfcc.FrameLength / 2.0)) / Mfcc.SampleRate;

    public IFeatureRun Begin(VideoContentInfo video) => new Run(this);

    private sealed class Run(MfccExtractor owner) : IFeatureRun
    {
        public void OnFrame(VideoFrame frame)
        {
        }

        public void Complete(VideoContent content, string featuresFolder, CancellationToken cancellationToken)
        {
            if (content.Audio is null)
            {
                return;
            }

            if (content.SampleRate != Mfcc.SampleRate)
            {
                throw new InvalidDataException($"MFCC needs {Mfcc.SampleRate} Hz audio, {content.AudioPath} has {content.SampleRate} Hz (Ingest:AudioSampleRate)");
            }

            const int d = Mfcc.FeatureSize;
            var mfcc = new Mfcc().Compute(content.Audio);
            FeatureFile.Write(featuresFolder, owner.Tag(Granularity.AudioFrame), mfcc.Values, mfcc.Frames, d);

            var shots = new float[content.Shots.Count * d];
            for (var s = 0; s < content.Shots.Count; s++)
            {
                var (first, last) = FramesIn(content.Shots[s].StartSeconds, content.Shots[s].EndSeconds, mfcc.Frames);
                var mean = shots.AsSpan(s * d, d);
                for (var f = first; f < last; f++)
                {
                    System.Numerics.Tensors.TensorPrimitives.Add(mean, mfcc.Frame(f), mean);
                }

                if (last > first)
                {
                    System.Numerics.Tensors.TensorPrimitives.Divide(mean, last - first, mean);
                }
            }

            FeatureFile.Write(featuresFolder, owner.Tag(Granularity.Shot), shots, content.Shots.Count, d);
            FeatureFile.Write(featuresFolder, owner.Tag(Granularity.Video), MeanAndStd(mfcc), 2, d);
        }

        public void Dispose()
        {
        }

        private static float[] MeanAndStd(MfccFeatures mfcc)
        {
            const int d = Mfcc.FeatureSize;
            var result = new float[2 * d];
            if (mfcc.Frames == 0)
            {
                return result;
            }

            var mean = new double[d];
            var square = new double[d];
            for (var f = 0; f < mfcc.Frames; f++)
            {
                var row = mfcc.Frame(f);
                for (var i = 0; i < d; i++)
                {
                    mean[i] += row[i];
                    square[i] += (double)row[i] * row[i];
                }
            }

            for (var i = 0; i < d; i++)
            {
                var m = mean[i] / mfcc.Frames;
                result[i] = (float)m;
                result[d + i] = (float)Math.Sqrt(Math.Max(0, (square[i] / mfcc.Frames) - (m * m)));
            }

            return result;
        }
    }

    /// <summary>Audio frames whose centre lies in [start, end): (first, last exclusive).</summary>
    public static (int First, int Last) FramesIn(double start, double end, int frames)
    {
        var first = Math.Clamp((int)Math.Ceiling(((start * Mfcc.SampleRate) - (Mfcc.FrameLength / 2.0)) / Mfcc.Hop), 0, frames);
        var last = Math.Clamp((int)Math.Ceiling(((end * Mfcc.SampleRate) - (Mfcc.FrameLength / 2.0)) / Mfcc.Hop), first, frames);
        return (first, last);
    }

    private FeatureTag Tag(Granularity granularity) => new(FeatureName, granularity, Id, Version, ModelHash);
}
