using Cbvr.Detectors.Vision;
using System.Collections.Concurrent;
using System.Globalization;
using Cbvr.Features;
using Cbvr.Features.Inference;
using Cbvr.Tests;
using Microsoft.Extensions.Logging.Abstractions;
using OpenCvSharp;

namespace Cbvr.Detectors.Tests.Vision;

/// <summary>
/// Real keyframes for the vision detector tests: frames of the demo clips decoded by ffmpeg and scaled as ingest does (short
/// side 256, area filter), cached for the test run; and the detectors built on the shared test host.
/// </summary>
internal static class VisionFrames
{
    public const string Dog = "VID_20191220_170832.mp4";
    public const string Pedestrians = "vtest.avi";
    public const string Cockatoo = "cockatoo.mp4";
    public const string Megamind = "Megamind.avi";

    /// <summary>The scale filter of ingest's decode: shorter side 256, aspect kept, even sizes, area interpolation.</summary>
    private const string Scale = "scale='if(gte(iw,ih),-2,256)':'if(gte(iw,ih),256,-2)':flags=area";

    private static readonly ConcurrentDictionary<string, Lazy<Task<Mat[]>>> Cache = new();

    /// <summary>The frame at <paramref name="seconds"/> of demo clip <paramref name="clip"/> (shared: do not dispose).</summary>
    public static async Task<Mat> AtAsync(string clip, double seconds)
    {
        var at = seconds.ToString("0.###", CultureInfo.InvariantCulture);
        var frames = await Decode($"{clip}@{at}", clip, ["-ss", at, "-frames:v", "1", "-vf", Scale]);
        return Assert.Single(frames);
    }

    /// <summary>One frame per second of demo clip <paramref name="clip"/> (shared: do not dispose).</summary>
    public static Task<Mat[]> EverySecondAsync(string clip) => Decode($"{clip}@1fps", clip, ["-vf", "fps=1," + Scale]);

    /// <summary>A video of one shot per frame, for <see cref="IShotDetector.DetectAsync"/>.</summary>
    public static DetectionInput Input(params Mat[] frames) =>
        new("test", "", frames.Length, [.. frames.Select((f, i) => new ShotInput(i, i, i + 1, i + 0.5, f))], null);

    public static ModelOptions Options(int batchSize = 8)
    {
        var options = TestModels.Options();
        options.BatchSize = batchSize;
        return options;
    }

    public static ImageNetDetector ImageNet(InferenceHost? host = null, int batchSize = 8) =>
        new(host ?? TestModels.Host, Microsoft.Extensions.Options.Options.Create(Options(batchSize)), NullLogger<ImageNetDetector>.Instance);

    public static CocoDetector Coco(InferenceHost? host = null) =>
        new(host ?? TestModels.Host, Microsoft.Extensions.Options.Options.Create(Options()), NullLogger<CocoDetector>.Instance);

    public static VocDetector Voc(InferenceHost? host = null) =>
        new(host ?? TestModels.Host, Microsoft.Extensions.Options.Options.Create(Options()), NullLogger<VocDetector>.Instance);

    public static FaceDetector Faces(InferenceHost? host = null) =>
        new(host ?? TestModels.Host, Microsoft.Extensions.Options.Options.Create(Options()), NullLogger<FaceDetector>.Instance);

    private static Task<Mat[]> Decode(string key, string clip, string[] output) =>
        Cache.GetOrAdd(key, _ => new Lazy<Task<Mat[]>>(async () =>
        {
            var path = TestMedia.DemoClip(clip) ?? throw new InvalidOperationException($"demo clip {clip} not found under {TestMedia.DemoPackageCache}; run scripts/setup.sh");
            var folder = TestMedia.NewFolder("cbvr-vision-");
            try
            {
                // Seeking after -i decodes from the start: cockatoo.mp4 decodes to garbage when ffmpeg seeks in the input.
                await TestMedia.FfmpegAsync(["-i", path, .. output, Path.Combine(folder, "f%03d.png")]);
                return [.. Directory.GetFiles(folder, "f*.png").Order(StringComparer.Ordinal).Select(f => Cv2.ImRead(f, ImreadModes.Color))];
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        })).Value;
}
