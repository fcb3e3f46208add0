using Cbvr.Detectors.Vision;

namespace Cbvr.Detectors.Tests.Vision;

public sealed class VocDetectorTests
{
    [Fact]
    public async Task TheCockatooCoversPartOfTheFrameAsABird()
    {
        var frame = await VisionFrames.AtAsync(VisionFrames.Cockatoo, 1.6);
        var shot = Assert.Single(await VisionFrames.Voc().DetectAsync(VisionFrames.Input(frame), CancellationToken.None));
        var bird = Assert.Single(shot.Concepts, c => c.Concept == "voc:bird");
        Assert.True(bird.Area > 0.05f, $"bird area {bird.Area}");
        Assert.Equal(bird.Score, bird.Area);
    }

    [Fact]
    public async Task TheDogFrameHasADogAndAreasAreFractionsOfTheFrame()
    {
        var frame = await VisionFrames.AtAsync(VisionFrames.Dog, 0.8);
        var voc = VisionFrames.Voc();
        var fractions = voc.AreaFractions([frame])[0];
        Assert.Equal(21, fractions.Length);
        Assert.Equal(1f, fractions.Sum(), 3);
        var shot = Assert.Single(await voc.DetectAsync(VisionFrames.Input(frame), CancellationToken.None));
        Assert.Equal("voc:dog", shot.Concepts[0].Concept);
        Assert.All(shot.Concepts, c => Assert.InRange(c.Area!.Value, VocDetector.MinArea, 1f));
        Assert.DoesNotContain(shot.Concepts, c => c.Concept == "voc:background");
    }

    [Fact]
    public void ConceptsAreTheTwentyClassesWithoutBackground()
    {
        var concepts = VisionFrames.Voc().Concepts;
        Assert.Equal(20, concepts.Count);
        Assert.Equal(("voc:aeroplane", "voc:bird", "voc:tvmonitor"), (concepts[0].Id, concepts[2].Id, concepts[19].Id));
    }
}
