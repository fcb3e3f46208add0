using OpenCvSharp;

namespace Cbvr.Features.Visual;

/// <summary>Argument checks shared by the frame descriptors.</summary>
internal static class FrameChecks
{
    /// <summary>Throws unless <paramref name="frame"/> is a non-empty 8-bit BGR image.</summary>
    public static void RequireBgr(Mat frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Empty() || frame.Type() != MatType.CV_8UC3)
        {
            throw new ArgumentException($"expected a non-empty 8-bit BGR image (CV_8UC3), got {frame.Type()} {frame.Width}x{frame.Height}", nameof(frame));
        }
    }
}
