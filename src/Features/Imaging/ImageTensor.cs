using Cbvr.Features.Models;
using OpenCvSharp;

namespace Cbvr.Features.Imaging;

/// <summary>How an image was placed into a tensor: model pixel = source pixel * <see cref="Scale"/> - offset.</summary>
public readonly record struct Placement(double Scale, double OffsetX, double OffsetY, int SourceWidth, int SourceHeight)
{
    /// <summary>Maps a point in model-input pixels back to source-image pixels.</summary>
    public (double X, double Y) ToSource(double x, double y) => ((x + OffsetX) / Scale, (y + OffsetY) / Scale);
}

/// <summary>Turns BGR images (OpenCV <see cref="Mat"/>, 8-bit, 3 channels) into model input tensors as a manifest describes.</summary>
public static class ImageTensor
{
    /// <summary>Number of floats one image takes.</summary>
    public static int Length(ImagePreprocessing p) => p.Width * p.Height * 3;

    /// <summary>Writes <paramref name="bgr"/> into <paramref name="destination"/> (length <see cref="Length"/>) and says how it was placed.</summary>
    public static Placement Fill(Mat bgr, ImagePreprocessing p, Span<float> destination)
    {
        if (bgr.Type() != MatType.CV_8UC3)
        {
            throw new ArgumentException($"expected an 8-bit BGR image, got {bgr.Type()}", nameof(bgr));
        }

        if (destination.Length < Length(p))
        {
            throw new ArgumentException("destination too small", nameof(destination));
        }

        using var resized = Place(bgr, p, out var placement);
        var (w, h) = (p.Width, p.Height);
        var plane = w * h;
        var rgb = p.Colour == ColourOrder.Rgb;
        Span<float> scale = [p.Scale / p.Std[0], p.Scale / p.Std[1], p.Scale / p.Std[2]];
        Span<float> shift = [p.Mean[0] / p.Std[0], p.Mean[1] / p.Std[1], p.Mean[2] / p.Std[2]];
        for (var y = 0; y < h; y++)
        {
            ReadOnlySpan<byte> pixels;
            unsafe
            {
                pixels = new ReadOnlySpan<byte>((void*)resized.Ptr(y), w * 3);
            }

            for (var x = 0; x < w; x++)
            {
                var b = pixels[x * 3];
                var g = pixels[(x * 3) + 1];
                var r = pixels[(x * 3) + 2];
                var (c0, c1, c2) = rgb ? (r, g, b) : (b, g, r);
                var v0 = (c0 * scale[0]) - shift[0];
                var v1 = (c1 * scale[1]) - shift[1];
                var v2 = (c2 * scale[2]) - shift[2];
                if (p.Layout == TensorLayout.Nchw)
                {
                    var i = (y * w) + x;
                    destination[i] = v0;
                    destination[plane + i] = v1;
                    destination[(2 * plane) + i] = v2;
                }
                else
                {
                    var i = ((y * w) + x) * 3;
                    destination[i] = v0;
                    destination[i + 1] = v1;
                    destination[i + 2] = v2;
                }
            }
        }

        return placement;
    }

    /// <summary>The resized (and cropped or padded) 8-bit image of the model's input size.</summary>
    public static Mat Place(Mat bgr, ImagePreprocessing p, out Placement placement)
    {
        var (sw, sh) = (bgr.Width, bgr.Height);
        switch (p.Resize)
        {
            case ResizeMode.Stretch:
            {
                placement = new Placement((double)p.Width / sw, 0, 0, sw, sh);
                var stretched = new Mat();
                Cv2.Resize(bgr, stretched, new Size(p.Width, p.Height), 0, 0, InterpolationFlags.Area);
                return stretched;
            }

            case ResizeMode.Letterbox:
            {
                var s = Math.Min((double)p.Width / sw, (double)p.Height / sh);
                var (rw, rh) = (Math.Max(1, (int)Math.Round(sw * s)), Math.Max(1, (int)Math.Round(sh * s)));
                var padded = new Mat(p.Height, p.Width, MatType.CV_8UC3, Scalar.All(p.PadValue));
                using var small = new Mat();
                Cv2.Resize(bgr, small, new Size(rw, rh), 0, 0, s < 1 ? InterpolationFlags.Area : InterpolationFlags.Linear);
                using (var roi = new Mat(padded, new Rect(0, 0, rw, rh)))
                {
                    small.CopyTo(roi);
                }

                placement = new Placement(s, 0, 0, sw, sh);
                return padded;
            }

            default:
            {
                var side = Math.Min(sw, sh);
                var (x0, y0) = ((sw - side) / 2, (sh - side) / 2);
                using var square = new Mat(bgr, new Rect(x0, y0, side, side));
                var s = (double)p.Width / side;
                placement = new Placement(s, x0 * s, y0 * s, sw, sh);
                var cropped = new Mat();
                Cv2.Resize(square, cropped, new Size(p.Width, p.Height), 0, 0, s < 1 ? InterpolationFlags.Area : InterpolationFlags.Linear);
                return cropped;
            }
        }
    }
}
