using Cbvr.Detectors.Vision;

namespace Cbvr.Detectors.Tests.Vision;

public sealed class CocoDetectorTests
{
    [Fact]
    public async Task TheDogFrameHasADog()
    {
        var frame = await VisionFrames.AtAsync(VisionFrames.Dog, 0.8);
        var shot = Assert.Single(await VisionFrames.Coco().DetectAsync(VisionFrames.Input(frame), CancellationToken.None));
        var dog = Assert.Single(shot.Concepts, c => c.Concept == "coco:dog");
        Assert.InRange(dog.Score, 0.5f, 1f);
        Assert.Equal(1, dog.Count);
    }

    [Fact]
    public async Task TheStreetFrameHasSeveralPeopleWithBoxesInTheFrame()
    {
        var frame = await VisionFrames.AtAsync(VisionFrames.Pedestrians, 2);
        var coco = VisionFrames.Coco();
        var shot = Assert.Single(await coco.DetectAsync(VisionFrames.Input(frame), CancellationToken.None));
        var person = Assert.Single(shot.Concepts, c => c.Concept == "coco:person");
        Assert.True(person.Count >= 2, $"{person.Count} people");

        var objects = coco.DetectObjects([frame])[0];
        var people = objects.Where(o => o.Label == "person").ToList();
        Assert.Equal(person.Count, people.Count);
        Assert.Equal(person.Score, people.Max(p => p.Score));
        Assert.All(objects, o =>
        {
            Assert.InRange(o.Score, CocoDetector.MinScore, 1f);
            Assert.InRange(o.Box.X, 0, frame.Width - 1);
            Assert.InRange(o.Box.Y, 0, frame.Height - 1);
            Assert.InRange(o.Box.X + o.Box.Width, 1, frame.Width);
            Assert.InRange(o.Box.Y + o.Box.Height, 1, frame.Height);
        });

        // Pedestrians are upright: taller than wide. No two boxes of one class overlap beyond the NMS threshold.
        Assert.All(people, p => Assert.True(p.Box.Height > p.Box.Width, p.ToString()));
        Assert.All(objects, a => Assert.All(objects.Where(b => b != a && b.Concept == a.Concept), b => Assert.True(BoxMath.IoU(a.Box, b.Box) <= CocoDetector.NmsIoU)));
    }

    [Fact]
    public void ConceptsAreTheEightyClasses()
    {
        var concepts = VisionFrames.Coco().Concepts;
        Assert.Equal(80, concepts.Count);
        Assert.Equal(80, concepts.Select(c => c.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(("coco:person", "coco:traffic_light"), (concepts[0].Id, concepts[9].Id));
    }
}
