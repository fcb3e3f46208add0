using Cbvr.Detectors.Vision;
using OpenCvSharp;

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
    public async Task TheDogsBoxIsWhereTheDogIsAndMirrorsWithTheFrame()
    {
        var frame = await VisionFrames.AtAsync(VisionFrames.Dog, 0.8);
        using var mirrored = frame.Flip(FlipMode.Y);
        var found = VisionFrames.Coco().DetectObjects([frame, mirrored]);
        var box = Assert.Single(found[0], o => o.Concept == "coco:dog").Box;
        var flipped = Assert.Single(found[1], o => o.Concept == "coco:dog").Box;

        // The dog lies in the middle of the picture, over about a third of its width and most of its height.
        Assert.InRange(box.X + (box.Width / 2), 0.35f * frame.Width, 0.65f * frame.Width);
        Assert.InRange(box.Y + (box.Height / 2), 0.3f * frame.Height, 0.7f * frame.Height);
        Assert.InRange(box.Width, 0.25f * frame.Width, 0.6f * frame.Width);
        Assert.InRange(box.Height, 0.5f * frame.Height, frame.Height);

        // Mirroring the frame mirrors the box (within a few pixels: the network is not exactly symmetric).
        Assert.Equal(frame.Width - box.X - box.Width, flipped.X, 6f);
        Assert.Equal(box.Y, flipped.Y, 6f);
        Assert.Equal(box.Width, flipped.Width, 6f);
        Assert.Equal(box.Height, flipped.Height, 6f);
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
