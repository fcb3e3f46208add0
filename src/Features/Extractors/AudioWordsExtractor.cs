using Cbvr.Features.Codebooks;
using Cbvr.Features.Encoding;
using Cbvr.Features.Store;
using Cbvr.Ingest.Decode;

namespace Cbvr.Features.Extractors;

/// <summary>
/// Audio words: the video's MFCC frames encoded against the library's MFCC codebook, as a bag of words per shot and per video
/// (<c>mfcc-bow</c>) and as VLAD for the video (<c>mfcc-vlad</c>), power- and L2-normalised. Runs after <see cref="MfccExtractor"/>
/// and only once a codebook exists (<c>cbvr codebooks learn</c>); the codebook's hash is the model hash, so learning a new one
/// makes these blocks stale and <c>cbvr reextract</c> recomputes only them.
/// </summary>
public sealed class AudioWordsExtractor(CodebookStore codebooks) : IFeatureExtractor
{
    public const string StepId = "mfcc-words";
    public const string Bow = "mfcc-bow";
    public const string Vlad = "mfcc-vlad";

    public string Id => StepId;

    public int Version => 1;

    public string ModelHash => codebooks.Hash(MfccExtractor.FeatureName) ?? "";

    public string? DisabledReason => codebooks.Hash(MfccExtractor.FeatureName) is null ? "no MFCC codebook yet (cbvr codebooks learn)" : null;

    public bool NeedsFrames => false;

    public bool NeedsAudio => true;

    public IReadOnlyList<string> Features => [Bow, Vlad];

    public IFeatureRun Begin(VideoContentInfo video) => new Run(this);

    private sealed class Run(AudioWordsExtractor owner) : IFeatureRun
    {
        public void OnFrame(VideoFrame frame)
        {
        }

        public void Complete(VideoContent content, string featuresFolder, CancellationToken cancellationToken)
        {
            var path = Path.Combine(featuresFolder, FeatureTag.FileNameOf(MfccExtractor.FeatureName, Granularity.AudioFrame));
            if (!File.Exists(path))
            {
                return; // no audio
            }

            var (codebook, _) = owner.LoadCodebook();
            var hash = owner.ModelHash;
            using var mfcc = FeatureMatrix.Open(path);
            var frames = mfcc.ToArray();
            var d = mfcc.Columns;
            if (d != codebook.Dimensions)
            {
                throw new InvalidDataException($"the MFCC codebook has {codebook.Dimensions} dimensions, {path} has {d}");
            }

            var bow = new BowEncoder(codebook);
            var shots = new float[content.Shots.Count * bow.Length];
            for (var s = 0; s < content.Shots.Count; s++)
            {
                var (first, last) = MfccExtractor.FramesIn(content.Shots[s].StartSeconds, content.Shots[s].EndSeconds, mfcc.Rows);
                if (last > first)
                {
                    bow.Encode(frames.AsSpan(first * d, (last - first) * d)).CopyTo(shots, s * bow.Length);
                }
            }

            FeatureFile.Write(featuresFolder, new FeatureTag(Bow, Granularity.Shot, StepId, owner.Version, hash), shots, content.Shots.Count, bow.Length);
            FeatureFile.Write(featuresFolder, new FeatureTag(Bow, Granularity.Video, StepId, owner.Version, hash), bow.Encode(frames), 1, bow.Length);
            var vlad = new VladEncoder(codebook, intraNormalise: true);
            FeatureFile.Write(featuresFolder, new FeatureTag(Vlad, Granularity.Video, StepId, owner.Version, hash), vlad.Encode(frames), 1, vlad.Length);
        }

        public void Dispose()
        {
        }
    }

    private (Codebook, CodebookInfo) LoadCodebook() =>
        codebooks.Load(MfccExtractor.FeatureName) ?? throw new InvalidOperationException("no MFCC codebook: run cbvr codebooks learn");
}
