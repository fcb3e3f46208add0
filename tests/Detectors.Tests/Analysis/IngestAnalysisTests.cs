using Cbvr.Detectors.Analysis;
using Cbvr.Detectors.Storage;
using Cbvr.Features.Store;
using Cbvr.Ingest.Catalog;
using Cbvr.Tests;

namespace Cbvr.Detectors.Tests.Analysis;

/// <summary>Ingest with features and detectors on real clips and real models: what is stored, and how failures stay local.</summary>
public sealed class IngestAnalysisTests
{
    private static string Clip(string name) => TestMedia.DemoClip(name) ?? throw new InvalidOperationException($"demo clip {name} missing: run scripts/setup.sh");

    [Fact]
    public async Task TheDogClip_GetsFeaturesForEveryShotAndDogConcepts()
    {
        using var host = AnalysisHost.Create();
        var job = await AnalysisHost.IngestAsync(host, Clip("VID_20191220_170832.mp4"));
        Assert.Equal(JobStatus.Succeeded, job.Status);
        var id = job.VideoId!;
        var shots = host.Get<VideoCatalog>().Shots(id);
        var store = host.Get<FeatureStore>();

        using (var resnet = store.Open(id, "resnet18", Granularity.Shot))
        {
            Assert.NotNull(resnet);
            Assert.Equal(shots.Count, resnet.Rows);
            Assert.Equal(512, resnet.Columns);
            Assert.Equal(FeatureType.Float16, resnet.Type);
            Assert.All(Enumerable.Range(0, resnet.Rows), r => Assert.True(resnet.Row(r).Any(v => v != 0), $"shot {r} has no embedding"));
        }

        var tags = store.List(id);
        foreach (var feature in new[] { "colour-hsv", "texture-lbp", "motion-flow", "resnet18" })
        {
            Assert.Contains(tags, t => t.Feature == feature && t.Granularity == Granularity.Shot);
            Assert.Contains(tags, t => t.Feature == feature && t.Granularity == Granularity.Video);
        }

        var detections = host.Get<DetectionStore>();
        var concepts = detections.TopConcepts(id, 50);
        Assert.Contains(concepts, c => c.Concept == "coco:dog" && c.Score >= 0.3);
        Assert.Contains(detections.TopConcepts(id, 5, "imagenet"), c => IsImageNetDog(c.Concept));
        var steps = detections.Steps(id);
        Assert.All(steps, s => Assert.Equal(StepRecord.Succeeded, s.Status));
        foreach (var step in new[] { "visual", "resnet18", "imagenet", "coco", "voc", "faces", "ocr" })
        {
            Assert.Contains(steps, s => s.Step == step);
        }

        Assert.Contains("analysis:resnet18", job.Timings, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutTheModelPack_PackDetectorsAreReportedOffAndTheRestRuns()
    {
        using var host = AnalysisHost.Create(withPack: false);
        var described = host.Get<AnalysisSteps>().Describe();
        foreach (var pack in new[] { "imagenet", "coco", "voc" })
        {
            var step = Assert.Single(described, s => s.Id == pack);
            Assert.False(step.Runs);
            Assert.Contains("model pack", step.DisabledReason, StringComparison.Ordinal);
        }

        var job = await AnalysisHost.IngestAsync(host, Clip("cockatoo.mp4"));
        Assert.Equal(JobStatus.Succeeded, job.Status);
        var steps = host.Get<DetectionStore>().Steps(job.VideoId!).Select(s => s.Step).ToList();
        Assert.DoesNotContain("coco", steps);
        Assert.Contains("resnet18", steps);
        Assert.Contains("faces", steps);
        Assert.Empty(host.Get<DetectionStore>().TopConcepts(job.VideoId!, 10, "imagenet"));
    }

    [Fact]
    public async Task AFailingStep_IsRecordedWithItsErrorAndTheJobKeepsTheRest()
    {
        // 8 kHz audio is a real misconfiguration for the 16 kHz audio models: those steps fail, the video and other steps stay.
        using var host = AnalysisHost.Create(withPack: false, new Dictionary<string, string?> { ["Ingest:AudioSampleRate"] = "8000" });
        var clip = await TestMedia.CachedAsync("tone-pattern-8s.mp4", path => TestMedia.FfmpegAsync(
            "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=8", "-f", "lavfi", "-i", "sine=frequency=440:duration=8",
            "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", path));
        var job = await AnalysisHost.IngestAsync(host, clip);

        Assert.Equal(JobStatus.Succeeded, job.Status);
        var steps = host.Get<DetectionStore>().Steps(job.VideoId!).ToDictionary(s => s.Step);
        Assert.Equal(StepRecord.Failed, steps["mfcc"].Status);
        Assert.Contains("16000 Hz", steps["mfcc"].Error, StringComparison.Ordinal);
        Assert.Equal(StepRecord.Succeeded, steps["resnet18"].Status);
        Assert.Equal(StepRecord.Succeeded, steps["visual"].Status);
        Assert.Contains("mfcc failed", job.Warnings, StringComparison.Ordinal);
        Assert.NotNull(host.Get<FeatureStore>().Open(job.VideoId!, "resnet18", Granularity.Shot));
    }

    [Fact]
    public async Task Reextract_RecomputesOnlyWhatIsStaleOrNamed_AndFeaturesAreDeterministic()
    {
        using var host = AnalysisHost.Create(withPack: false);
        var job = await AnalysisHost.IngestAsync(host, Clip("cockatoo.mp4"));
        var id = job.VideoId!;
        var store = host.Get<FeatureStore>();
        var folder = store.FolderOf(id);
        var before = Directory.EnumerateFiles(folder).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);

        var reextractor = host.Get<Reextractor>();
        var nothing = await reextractor.RunAsync(id, [], force: false, CancellationToken.None);
        Assert.Empty(nothing.Ran);
        Assert.Contains("resnet18", nothing.UpToDate);

        var forced = await reextractor.RunAsync(id, ["resnet18", "visual"], force: true, CancellationToken.None);
        Assert.Equal(["visual", "resnet18"], forced.Ran.Order(StringComparer.Ordinal).Reverse());
        Assert.Empty(forced.Failed);

        // Recomputed from the same keyframes and the same decode: the same bytes.
        foreach (var (name, bytes) in before)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(folder, name))), $"{name} changed on re-extraction");
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => reextractor.RunAsync(id, ["nonsense"], force: false, CancellationToken.None));
        Assert.Contains("unknown analysis step(s) nonsense", error.Message, StringComparison.Ordinal);
    }

    private static bool IsImageNetDog(string concept) => concept.StartsWith("imagenet:", StringComparison.Ordinal) && ImageNetDogs.Value.Contains(concept);

    private static readonly Lazy<HashSet<string>> ImageNetDogs = new(() =>
    {
        // Classes 151-268 of ImageNet-1k are dog breeds.
        using var host = AnalysisHost.Create();
        var imagenet = host.Get<AnalysisSteps>().Detectors.Single(d => d.Id == "imagenet");
        return [.. imagenet.Concepts.Skip(151).Take(118).Select(c => c.Id)];
    });
}
