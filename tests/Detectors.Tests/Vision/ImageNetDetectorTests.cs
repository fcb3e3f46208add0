using Cbvr.Detectors.Vision;
using OpenCvSharp;
using Xunit.Abstractions;

namespace Cbvr.Detectors.Tests.Vision;

public sealed class ImageNetDetectorTests(ITestOutputHelper output)
{
    /// <summary>ILSVRC class indices of the dog breeds (0-based label lines).</summary>
    private static readonly (int First, int Last) Dogs = (151, 268);

    /// <summary>ILSVRC class indices of the birds.</summary>
    private static readonly (int First, int Last)[] Birds = [(7, 24), (80, 100), (127, 146)];

    [Fact]
    public async Task TheDogFrameHasADogBreedAmongTheTopFive()
    {
        var frame = await VisionFrames.AtAsync(VisionFrames.Dog, 0.8);
        var top = Top5(VisionFrames.ImageNet().Probabilities([frame])[0]);
        output.WriteLine(Describe(top));
        Assert.Contains(top, i => i >= Dogs.First && i <= Dogs.Last);
    }

    [Fact]
    public async Task TheCockatooFrameHasABirdAmongTheTopFive()
    {
        var frame = await VisionFrames.AtAsync(VisionFrames.Cockatoo, 1.6);
        var top = Top5(VisionFrames.ImageNet().Probabilities([frame])[0]);
        output.WriteLine(Describe(top));
        Assert.Contains(top, i => Birds.Any(b => i >= b.First && i <= b.Last));
    }

    [Fact]
    public async Task ShotsGetAtMostTenClassesAboveOnePercentBestFirst()
    {
        var dog = await VisionFrames.AtAsync(VisionFrames.Dog, 0.8);
        var street = await VisionFrames.AtAsync(VisionFrames.Pedestrians, 2);
        var shots = await VisionFrames.ImageNet().DetectAsync(VisionFrames.Input(dog, street), CancellationToken.None);
        Assert.Equal([0, 1], shots.Select(s => s.Shot));
        foreach (var shot in shots)
        {
            Assert.InRange(shot.Concepts.Count, 1, ImageNetDetector.TopClasses);
            Assert.All(shot.Concepts, c => Assert.InRange(c.Score, ImageNetDetector.MinProbability, 1f));
            Assert.Equal(shot.Concepts.OrderByDescending(c => c.Score).Select(c => c.Concept), shot.Concepts.Select(c => c.Concept));
            Assert.Empty(shot.Texts);
        }

        Assert.Equal("imagenet:samoyed", shots[0].Concepts[0].Concept);
    }

    [Fact]
    public async Task ABatchGivesWhatOneFrameAtATimeGives()
    {
        Mat[] frames = [await VisionFrames.AtAsync(VisionFrames.Dog, 0.8), await VisionFrames.AtAsync(VisionFrames.Pedestrians, 2), await VisionFrames.AtAsync(VisionFrames.Cockatoo, 1.6)];
        var batched = VisionFrames.ImageNet(batchSize: 8).Probabilities(frames);
        var single = VisionFrames.ImageNet(batchSize: 1).Probabilities(frames);
        for (var i = 0; i < frames.Length; i++)
        {
            Assert.Equal(Top5(single[i]), Top5(batched[i]));
            Assert.All(Enumerable.Range(0, 1000), k => Assert.Equal(single[i][k], batched[i][k], 1e-4f));
        }
    }

    [Fact]
    public void ConceptsAreTheThousandClassesWithUniqueIds()
    {
        var concepts = VisionFrames.ImageNet().Concepts;
        Assert.Equal(1000, concepts.Count);
        Assert.Equal(1000, concepts.Select(c => c.Id).Distinct(StringComparer.Ordinal).Count());
        var shark = concepts[2];
        Assert.Equal(("imagenet:great_white_shark", "great white shark"), (shark.Id, shark.Name));
        Assert.Equal(["white shark", "man-eater", "man-eating shark", "Carcharodon carcharias"], shark.Synonyms);
        Assert.Contains("great white shark, white shark", shark.Description, StringComparison.Ordinal);
        Assert.Equal(("imagenet:crane_134", "imagenet:crane_517"), (concepts[134].Id, concepts[517].Id));
        Assert.Equal(("imagenet:maillot_638", "imagenet:maillot_tank_suit"), (concepts[638].Id, concepts[639].Id));
    }

    private static int[] Top5(float[] p) => [.. Enumerable.Range(0, p.Length).OrderByDescending(i => p[i]).ThenBy(i => i).Take(5)];

    private static string Describe(int[] top) => string.Join(", ", top.Select(i => $"{i} {VisionFrames.ImageNet().Concepts[i].Name}"));
}
