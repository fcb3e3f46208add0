using Cbvr.Detectors.Vision;
using OpenCvSharp;

namespace Cbvr.Detectors.Tests.Vision;

public sealed class FaceDetectorTests
{
    [Fact]
    public async Task TheCloseUpOfAFaceHasOneFace()
    {
        var frame = await VisionFrames.AtAsync(VisionFrames.Megamind, 2.5);
        var faces = VisionFrames.Faces();
        var face = Assert.Single(faces.DetectFaces([frame])[0]);
        Assert.InRange(face.Score, FaceDetector.MinScore, 1f);

        // The face is in the frame and face-sized: between 2% and 40% of the frame, about square.
        var area = face.Box.Width * face.Box.Height / (frame.Width * frame.Height);
        Assert.InRange(area, 0.02f, 0.4f);
        Assert.InRange(face.Box.Width / face.Box.Height, 0.7f, 1.4f);
        Assert.InRange(face.Box.X + face.Box.Width, 0, frame.Width);

        // Mirroring the frame mirrors the box (within a few pixels).
        using var mirrored = frame.Flip(FlipMode.Y);
        var flipped = Assert.Single(faces.DetectFaces([mirrored])[0]).Box;
        Assert.Equal(frame.Width - face.Box.X - face.Box.Width, flipped.X, 5f);
        Assert.Equal(face.Box.Y, flipped.Y, 5f);
        Assert.Equal(face.Box.Width, flipped.Width, 5f);

        var shot = Assert.Single(await faces.DetectAsync(VisionFrames.Input(frame), CancellationToken.None));
        var concept = Assert.Single(shot.Concepts);
        Assert.Equal(new ConceptScore(FaceDetector.FaceConcept, face.Score, 1, area), concept with { Area = area });
        Assert.Equal(area, concept.Area!.Value, 4);
    }

    [Fact]
    public async Task TheCockatooAndTheDogHaveNoFace()
    {
        var cockatoo = await VisionFrames.EverySecondAsync(VisionFrames.Cockatoo);
        Assert.True(cockatoo.Length >= 13, $"{cockatoo.Length} frames");
        var dog = await VisionFrames.AtAsync(VisionFrames.Dog, 0.8);
        Assert.Empty(await VisionFrames.Faces().DetectAsync(VisionFrames.Input([.. cockatoo, dog]), CancellationToken.None));
    }

    [Fact]
    public void TheDetectorNeedsNoModelPack()
    {
        using var host = Cbvr.Tests.TestModels.CreateHost(withPack: false);
        var faces = VisionFrames.Faces(host);
        Assert.Null(faces.DisabledReason);
        Assert.Equal(FaceDetector.FaceConcept, Assert.Single(faces.Concepts).Id);
        Assert.Equal(12, faces.ModelHash.Length);
    }
}
