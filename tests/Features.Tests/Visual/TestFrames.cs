using System.Globalization;
using Cbvr.Tests;
using OpenCvSharp;

namespace Cbvr.Features.Tests.Visual;

/// <summary>Real and synthetic BGR frames at the ingest decode size (short side 256) for the descriptor and embedding tests.</summary>
internal static class TestFrames
{
    public const string DogClip = "VID_20191220_170832.mp4";
    public const string CockatooClip = "cockatoo.mp4";

    /// <summary>The frame of demo clip <paramref name="fileName"/> at <paramref name="seconds"/>, scaled like ingest does.</summary>
    public static async Task<Mat> DemoFrameAsync(string fileName, double seconds)
    {
        var clip = TestMedia.DemoClip(fileName) ?? throw new InvalidOperationException($"demo clip {fileName} not found: run scripts/setup.sh");
        var time = seconds.ToString("0.###", CultureInfo.InvariantCulture);
        var png = await TestMedia.CachedAsync($"{Path.GetFileNameWithoutExtension(fileName)}-{time}.png", path =>
            TestMedia.FfmpegAsync("-ss", time, "-i", clip, "-frames:v", "1", "-vf", "scale=-2:256:flags=area", path));
        var mat = Cv2.ImRead(png, ImreadModes.Color);
        return mat.Empty() ? throw new InvalidOperationException("cannot read " + png) : mat;
    }

    /// <summary>A deterministic textured frame (smoothed noise) of the decode size.</summary>
    public static Mat Textured(int width = 456, int height = 256, int seed = 7)
    {
        var noise = new Mat(height, width, MatType.CV_8UC3);
        var random = new Random(seed);
        var bytes = new byte[width * height * 3];
        random.NextBytes(bytes);
        System.Runtime.InteropServices.Marshal.Copy(bytes, 0, noise.Data, bytes.Length);
        Cv2.GaussianBlur(noise, noise, new Size(7, 7), 2);
        return noise;
    }
}
