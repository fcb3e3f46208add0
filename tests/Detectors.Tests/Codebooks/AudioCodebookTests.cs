using System.Globalization;
using System.Numerics.Tensors;
using Cbvr.Detectors.Analysis;
using Cbvr.Detectors.Storage;
using Cbvr.Detectors.Tests.Analysis;
using Cbvr.Features.Codebooks;
using Cbvr.Features.Extractors;
using Cbvr.Features.Store;
using Cbvr.Ingest.Catalog;
using Cbvr.Tests;
using Xunit.Abstractions;

namespace Cbvr.Detectors.Tests.Codebooks;

/// <summary>
/// The MFCC codebook learned from an ingested library (balanced against plain k-means), the audio words it gives each video,
/// and re-extraction recomputing only those words when a new codebook is learned.
/// </summary>
public sealed class AudioCodebookTests(ITestOutputHelper output)
{
    private const int Clusters = 16;

    /// <summary>Large enough for the balance penalty to matter (η is searched in {0.01, 0.1, 1, 10}).</summary>
    private const double Eta = 10;

    private static readonly Dictionary<string, string?> LightSteps = new()
    {
        ["Analysis:Disabled:0"] = "ocr",
        ["Analysis:Disabled:1"] = "asr",
        ["Analysis:Disabled:2"] = "imagenet",
        ["Analysis:Disabled:3"] = "coco",
        ["Analysis:Disabled:4"] = "voc",
        ["Analysis:Disabled:5"] = "faces",
    };

    [Fact]
    public async Task ACodebookLearnedFromTheLibrary_GivesEveryVideoAudioWords_AndANewOneMakesOnlyThemStale()
    {
        using var host = AnalysisHost.Create(withPack: false, LightSteps);
        var features = host.Get<FeatureStore>();
        var ids = new Dictionary<string, string>();
        foreach (var (name, path) in await AudioClips.AllAsync())
        {
            var job = await AnalysisHost.IngestAsync(host, path);
            Assert.True(job.Status == JobStatus.Succeeded, $"{name}: {job.Error}");
            ids[name] = job.VideoId!;
            using var mfcc = features.Open(job.VideoId!, MfccExtractor.FeatureName, Granularity.AudioFrame);
            Assert.True(mfcc is { Rows: > 300, Columns: 39 }, $"{name}: {mfcc?.Rows}x{mfcc?.Columns} MFCC frames");
        }

        // Before any codebook the audio-words step cannot run and wrote nothing.
        var wordsStep = Assert.Single(host.Get<AnalysisSteps>().Describe(), s => s.Id == AudioWordsExtractor.StepId);
        Assert.Contains("no MFCC codebook", wordsStep.DisabledReason, StringComparison.Ordinal);
        Assert.All(ids.Values, id => Assert.DoesNotContain(features.List(id), t => t.Feature == AudioWordsExtractor.Bow));

        var learner = host.Get<CodebookLearner>();
        var codebooks = host.Get<CodebookStore>();
        var report = learner.Learn(MfccExtractor.FeatureName, Clusters, Eta);
        var info = report.Info;
        var plain = info.PlainSpread!;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{info.Descriptors} descriptors from {info.Videos} videos; balanced (eta {Eta}, gamma {info.Gamma:0.###e0}): CV {info.Spread.CoefficientOfVariation:0.000}, max/min {info.Spread.Max}/{info.Spread.Min}, distortion {info.Distortion:0.###e0}; plain: CV {plain.CoefficientOfVariation:0.000}, max/min {plain.Max}/{plain.Min}, distortion {info.PlainDistortion:0.###e0}; {report.Seconds:0.00} s vs {report.PlainSeconds:0.00} s"));
        Assert.Equal(("balanced", Clusters, 4, Eta), (info.Method, info.Clusters, info.Videos, info.Eta));
        Assert.True(info.Gamma > 0);
        Assert.Equal(info.Descriptors, info.Sizes.Sum());
        Assert.Matches("^[0-9a-f]{12}$", info.Hash);
        Assert.Equal(codebooks.Hash(MfccExtractor.FeatureName), info.Hash);
        Assert.True(
            info.Spread.CoefficientOfVariation <= 0.5 * plain.CoefficientOfVariation,
            $"balanced CV {info.Spread.CoefficientOfVariation:0.000} is not clearly below plain CV {plain.CoefficientOfVariation:0.000}");
        var (codebook, saved) = codebooks.Load(MfccExtractor.FeatureName)!.Value;
        Assert.Equal((Clusters, 39), (codebook.Count, codebook.Dimensions));
        Assert.Equal(info.Hash, saved.Hash);
        Assert.Equal(info.Sizes, saved.Sizes);

        // The step now runs on request and writes the words, tagged with the codebook.
        var reextractor = host.Get<Reextractor>();
        var videos = host.Get<VideoCatalog>();
        foreach (var (name, id) in ids)
        {
            var outcome = await reextractor.RunAsync(id, [AudioWordsExtractor.StepId], force: false, CancellationToken.None);
            Assert.Equal([AudioWordsExtractor.StepId], outcome.Ran);
            Assert.Empty(outcome.Failed);
            AssertWords(features, id, videos.Shots(id).Count, info.Hash, name);
        }

        // Tones, noise and speech make different bags of words.
        var bags = ids.ToDictionary(kv => kv.Key, kv => VideoRow(features, kv.Value, AudioWordsExtractor.Bow));
        var similarities = string.Join(", ", bags.Keys.SelectMany(a => bags.Keys.Where(b => string.CompareOrdinal(a, b) < 0).Select(b => string.Create(CultureInfo.InvariantCulture, $"{a}/{b} {TensorPrimitives.CosineSimilarity(bags[a], bags[b]):0.000}"))));
        output.WriteLine("BoW cosine: " + similarities);
        Assert.True(TensorPrimitives.CosineSimilarity(bags["tone-440"], bags["pink-noise"]) < 0.3, similarities);
        Assert.True(TensorPrimitives.CosineSimilarity(bags["tone-440"], bags["tone-1500"]) < 0.3, similarities);
        Assert.True(TensorPrimitives.CosineSimilarity(bags["speech"], bags["pink-noise"]) < 0.3, similarities);

        // A new codebook changes the hash: the words are stale, everything else is not.
        var relearned = learner.Learn(MfccExtractor.FeatureName, Clusters, eta: 0, seed: 2).Info;
        Assert.NotEqual(info.Hash, relearned.Hash);
        Assert.Equal("plain", relearned.Method);
        Assert.Null(relearned.PlainSpread);
        foreach (var (name, id) in ids)
        {
            var outcome = await reextractor.RunAsync(id, [], force: false, CancellationToken.None);
            Assert.Equal([AudioWordsExtractor.StepId], outcome.Ran);
            Assert.Contains(ResNetExtractor.FeatureName, outcome.UpToDate);
            Assert.Contains(MfccExtractor.FeatureName, outcome.UpToDate);
            Assert.DoesNotContain(AudioWordsExtractor.StepId, outcome.UpToDate);
            AssertWords(features, id, videos.Shots(id).Count, relearned.Hash, name);
            var step = Assert.Single(host.Get<DetectionStore>().Steps(id), s => s.Step == AudioWordsExtractor.StepId);
            Assert.Equal((StepRecord.Succeeded, relearned.Hash), (step.Status, step.ModelHash));
        }

        var again = await reextractor.RunAsync(ids["speech"], [], force: false, CancellationToken.None);
        Assert.Empty(again.Ran);
        Assert.Contains(AudioWordsExtractor.StepId, again.UpToDate);
    }

    [Fact]
    public async Task ASilentLibrary_IsRefusedWithAReason_AndNoCodebookIsSaved()
    {
        using var host = AnalysisHost.Create(withPack: false, LightSteps);
        var clip = await TestMedia.CachedAsync("codebook-silent.mp4", path => TestMedia.FfmpegAsync(
            "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=4", "-f", "lavfi", "-i", "anullsrc=sample_rate=44100",
            "-t", "4", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", path));
        var job = await AnalysisHost.IngestAsync(host, clip);
        Assert.Equal(JobStatus.Succeeded, job.Status);
        using (var mfcc = host.Get<FeatureStore>().Open(job.VideoId!, MfccExtractor.FeatureName, Granularity.AudioFrame))
        {
            Assert.True(mfcc is { Rows: > 300 }, "the silent track still has MFCC frames");
        }

        var error = Assert.Throws<InvalidOperationException>(() => host.Get<CodebookLearner>().Learn(MfccExtractor.FeatureName, Clusters, Eta));
        Assert.Contains("distinct mfcc descriptors", error.Message, StringComparison.Ordinal);
        Assert.Null(host.Get<CodebookStore>().Hash(MfccExtractor.FeatureName));
        Assert.NotNull(Assert.Single(host.Get<AnalysisSteps>().Describe(), s => s.Id == AudioWordsExtractor.StepId).DisabledReason);
    }

    private static void AssertWords(FeatureStore features, string id, int shots, string hash, string name)
    {
        using (var shotBow = features.Open(id, AudioWordsExtractor.Bow, Granularity.Shot))
        {
            Assert.NotNull(shotBow);
            Assert.Equal((shots, Clusters), (shotBow.Rows, shotBow.Columns));
            Assert.Equal(new FeatureTag(AudioWordsExtractor.Bow, Granularity.Shot, AudioWordsExtractor.StepId, 1, hash), shotBow.Tag);
        }

        foreach (var (feature, length) in new[] { (AudioWordsExtractor.Bow, Clusters), (AudioWordsExtractor.Vlad, Clusters * 39) })
        {
            using var video = features.Open(id, feature, Granularity.Video);
            Assert.NotNull(video);
            Assert.Equal((1, length, hash), (video.Rows, video.Columns, video.Tag.ModelHash));
            var norm = TensorPrimitives.Norm(video.Row(0));
            Assert.True(Math.Abs(norm - 1) < 2e-3, $"{name}: {feature} video norm {norm}");
        }
    }

    private static float[] VideoRow(FeatureStore features, string id, string feature)
    {
        using var matrix = features.Open(id, feature, Granularity.Video)!;
        return matrix.Row(0);
    }
}
