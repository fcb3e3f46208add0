using System.Globalization;
using Cbvr.Ingest.Media;
using OpenCvSharp;

namespace Cbvr.Detectors.Text;

/// <summary>Reads one frame of a video at full resolution (long side capped) with ffmpeg, as a BGR image.</summary>
public sealed class SourceFrameReader(FfmpegTools tools)
{
    /// <summary>The frame at <paramref name="seconds"/>; throws <see cref="InvalidOperationException"/> when ffmpeg gives none.</summary>
    public async Task<Mat> ReadAsync(string path, double seconds, int maxSide, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var inv = CultureInfo.InvariantCulture;
        string[] args =
        [
            "-nostdin", "-hide_banner", "-loglevel", "error",
            "-ss", Math.Max(0, seconds).ToString("0.###", inv),
            "-i", FfmpegTools.InputUrl(path),
            "-frames:v", "1",
            "-vf", string.Create(inv, $"scale=w='if(gte(iw,ih),min(iw,{maxSide}),-2)':h='if(gte(iw,ih),-2,min(ih,{maxSide}))'"),
            "-f", "image2pipe", "-c:v", "bmp", "-",
        ];
        await using var process = ExternalProcess.Start(tools.FfmpegPath, args, timeout, redirectStdout: true, cancellationToken);
        using var image = new MemoryStream();
        await process.StandardOutput.CopyToAsync(image, cancellationToken).ConfigureAwait(false);
        var exitCode = await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (exitCode != 0 || image.Length == 0)
        {
            throw new InvalidOperationException(
                $"ffmpeg gave no frame at {seconds.ToString("0.###", inv)} s of {path}: {string.Join(" | ", process.StderrLines().TakeLast(3))}");
        }

        var frame = Cv2.ImDecode(image.GetBuffer().AsSpan(0, (int)image.Length), ImreadModes.Color);
        if (frame.Empty())
        {
            frame.Dispose();
            throw new InvalidOperationException($"ffmpeg's frame at {seconds.ToString("0.###", inv)} s of {path} could not be decoded");
        }

        return frame;
    }
}
