using System.Globalization;
using Cbvr.Detectors.Text;
using Cbvr.Ingest;
using Cbvr.Ingest.Media;
using Cbvr.Tests;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenCvSharp;

namespace Cbvr.Detectors.Tests.Text;

/// <summary>Builds OCR detectors on the real PP-OCRv4 models and detection inputs with keyframes decoded as ingest does.</summary>
internal static class OcrTestSupport
{
    public static OcrDetector Detector(OcrFrameSource source) =>
        new(TestModels.Host, new FfmpegTools(Options.Create(new IngestOptions())), Options.Create(new OcrOptions { FrameSource = source }), NullLogger<OcrDetector>.Instance);

    /// <summary>The frame at <paramref name="seconds"/> scaled to short side 256 (the decode size), as a BGR image.</summary>
    public static async Task<Mat> KeyframeAsync(string video, double seconds)
    {
        var file = Path.Combine(TestMedia.NewFolder("cbvr-ocr-"), "keyframe.png");
        await TestMedia.FfmpegAsync(
            "-ss", seconds.ToString("0.###", CultureInfo.InvariantCulture), "-i", FfmpegTools.InputUrl(video), "-frames:v", "1",
            "-vf", "scale='if(gte(iw,ih),-2,256)':'if(gte(iw,ih),256,-2)'", file);
        return Cv2.ImRead(file, ImreadModes.Color);
    }

    /// <summary>One shot per (start, end) with its keyframe in the middle.</summary>
    public static async Task<DetectionInput> InputAsync(string video, params (double Start, double End)[] shots)
    {
        var list = new List<ShotInput>();
        for (var i = 0; i < shots.Length; i++)
        {
            var middle = (shots[i].Start + shots[i].End) / 2;
            list.Add(new ShotInput(i, shots[i].Start, shots[i].End, middle, await KeyframeAsync(video, middle)));
        }

        return new DetectionInput(Path.GetFileNameWithoutExtension(video), video, shots[^1].End, list, null);
    }

    /// <summary>
    /// True when a line of <paramref name="texts"/> holds <paramref name="word"/> with at most one character wrong, missing or
    /// extra (case-insensitive). Spaces are ignored because PP-OCRv4's Chinese/English recogniser often drops them between
    /// English words ("HELLOWORLD2026").
    /// </summary>
    public static bool ContainsWord(IEnumerable<string> texts, string word) =>
        texts.Any(t => SubstringDistance(t.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant(), word.ToUpperInvariant()) <= 1);

    /// <summary>The smallest edit distance between <paramref name="pattern"/> and any substring of <paramref name="text"/>.</summary>
    public static int SubstringDistance(string text, string pattern)
    {
        // column j: distance of the pattern prefix to the best substring ending at text position j (free start anywhere)
        var previous = Enumerable.Range(0, pattern.Length + 1).ToArray();
        var best = previous[pattern.Length];
        for (var j = 1; j <= text.Length; j++)
        {
            var current = new int[pattern.Length + 1];
            for (var i = 1; i <= pattern.Length; i++)
            {
                var substitute = previous[i - 1] + (pattern[i - 1] == text[j - 1] ? 0 : 1);
                current[i] = Math.Min(substitute, Math.Min(previous[i], current[i - 1]) + 1);
            }

            best = Math.Min(best, current[pattern.Length]);
            previous = current;
        }

        return best;
    }
}
