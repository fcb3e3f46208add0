using Cbvr.Ingest.Decode;
using OpenCvSharp;

namespace Cbvr.Ingest.Shots;

/// <summary>Encodes frames as JPEG thumbnails.</summary>
public static class KeyframeEncoder
{
    public static unsafe byte[] Encode(VideoFrame frame, int quality)
    {
        fixed (byte* pixels = frame.Pixels)
        {
            using var bgr = Mat.FromPixelData(frame.Height, frame.Width, MatType.CV_8UC3, (IntPtr)pixels);
            return bgr.ImEncode(".jpg", new ImageEncodingParam(ImwriteFlags.JpegQuality, quality));
        }
    }
}
