using Cbvr.Detectors.Vision;
using Cbvr.Tests;

namespace Cbvr.Detectors.Tests.Vision;

public sealed class VisionDetectorContractTests
{
    [Fact]
    public async Task WithoutThePackThePackDetectorsAreDisabledAndRefuseToRun()
    {
        using var host = TestModels.CreateHost(withPack: false);
        var frame = await VisionFrames.AtAsync(VisionFrames.Dog, 0.8);
        foreach (IShotDetector detector in new IShotDetector[] { VisionFrames.ImageNet(host), VisionFrames.Coco(host), VisionFrames.Voc(host) })
        {
            Assert.NotNull(detector.DisabledReason);
            Assert.Contains("pack", detector.DisabledReason, StringComparison.Ordinal);
            Assert.Empty(detector.Concepts);
            Assert.Equal("", detector.ModelHash);
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => detector.DetectAsync(VisionFrames.Input(frame), CancellationToken.None));
            Assert.Contains(detector.Id, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ResultsAreTheSameOnASecondRunAndConceptIdsAreUnique()
    {
        var input = VisionFrames.Input(
            await VisionFrames.AtAsync(VisionFrames.Dog, 0.8),
            await VisionFrames.AtAsync(VisionFrames.Pedestrians, 2),
            await VisionFrames.AtAsync(VisionFrames.Cockatoo, 1.6),
            await VisionFrames.AtAsync(VisionFrames.Megamind, 2.5));
        IShotDetector[] detectors = [VisionFrames.ImageNet(), VisionFrames.Coco(), VisionFrames.Voc(), VisionFrames.Faces()];
        Assert.Equal(["imagenet", "coco", "voc", "faces"], detectors.Select(d => d.Id));
        var all = detectors.SelectMany(d => d.Concepts).Select(c => c.Id).ToList();
        Assert.Equal(all.Count, all.Distinct(StringComparer.Ordinal).Count());
        foreach (var detector in detectors)
        {
            Assert.Null(detector.DisabledReason);
            var first = await detector.DetectAsync(input, CancellationToken.None);
            var second = await detector.DetectAsync(input, CancellationToken.None);
            Assert.NotEmpty(first);
            Assert.Equal(Flatten(first), Flatten(second));
            var known = detector.Concepts.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
            Assert.All(first.SelectMany(s => s.Concepts), c =>
            {
                Assert.Contains(c.Concept, known);
                Assert.InRange(c.Score, 0f, 1f);
            });
        }
    }

    [Fact]
    public async Task ShotsWithoutAKeyframeAreSkipped()
    {
        var dog = await VisionFrames.AtAsync(VisionFrames.Dog, 0.8);
        var input = new DetectionInput("v", "", 3, [new ShotInput(0, 0, 1, null, null), new ShotInput(1, 1, 2, 1.5, dog)], null);
        var shot = Assert.Single(await VisionFrames.Coco().DetectAsync(input, CancellationToken.None));
        Assert.Equal(1, shot.Shot);
    }

    private static List<string> Flatten(IReadOnlyList<ShotDetections> shots) =>
        [.. shots.SelectMany(s => s.Concepts.Select(c => $"{s.Shot} {c}"))];
}
