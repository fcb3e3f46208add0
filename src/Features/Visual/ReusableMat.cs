using OpenCvSharp;

namespace Cbvr.Features.Visual;

/// <summary>
/// A <see cref="Mat"/> kept across calls with its input wrapper created once: passing a Mat as a <c>Cv2</c> input creates a
/// new finalizable wrapper on every call. The wrapper refers to the native Mat, whose data OpenCV reallocates in place when it
/// is written as an output, so it stays valid. (Output wrappers cannot be kept: OpenCvSharp disposes them after each call.)
/// </summary>
internal sealed class ReusableMat : IDisposable
{
    public ReusableMat()
    {
        Mat = new Mat();
        In = InputArray.Create(Mat);
    }

    public Mat Mat { get; }

    /// <summary>The Mat as a function input.</summary>
    public InputArray In { get; }

    /// <summary>The first <paramref name="length"/> elements of row <paramref name="y"/>.</summary>
    public unsafe ReadOnlySpan<T> Row<T>(int y, int length)
        where T : unmanaged => new((void*)Mat.Ptr(y), length);

    public void Dispose()
    {
        In.Dispose();
        Mat.Dispose();
    }
}
