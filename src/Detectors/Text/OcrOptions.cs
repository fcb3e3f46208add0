using System.ComponentModel.DataAnnotations;

namespace Cbvr.Detectors.Text;

/// <summary>On-screen text recognition settings, bound from <c>Detectors:Ocr</c>; the defaults are PaddleOCR's for PP-OCRv4.</summary>
public sealed class OcrOptions
{
    public const string SectionName = "Detectors:Ocr";

    /// <summary>Where the frame read for each shot comes from; see <see cref="OcrFrameSource"/>.</summary>
    public OcrFrameSource FrameSource { get; set; } = OcrFrameSource.Keyframe;

    /// <summary>Longest side of a full-resolution frame read from the source (larger frames are scaled down by ffmpeg).</summary>
    [Range(256, 8192)]
    public int SourceFrameMaxSide { get; set; } = 1280;

    /// <summary>Time limit for reading one full-resolution frame with ffmpeg.</summary>
    [Range(1, 600)]
    public double FrameReadTimeoutSeconds { get; set; } = 30;

    /// <summary>Longest side of the detector's input; larger frames are scaled down (both sides then rounded to multiples of 32).</summary>
    [Range(32, 4096)]
    public int DetectionMaxSide { get; set; } = 960;

    /// <summary>Probability above which a map pixel counts as text.</summary>
    [Range(0.01, 0.99)]
    public float BinaryThreshold { get; set; } = 0.3f;

    /// <summary>Mean probability inside a box needed to keep it.</summary>
    [Range(0.01, 0.99)]
    public float BoxThreshold { get; set; } = 0.6f;

    /// <summary>How far boxes are grown: area * ratio / perimeter on each side.</summary>
    [Range(0.5, 4)]
    public float UnclipRatio { get; set; } = 1.5f;

    /// <summary>Shorter side (in map pixels) below which a box is dropped.</summary>
    [Range(1, 64)]
    public float MinBoxSide { get; set; } = 3;

    /// <summary>Narrowest recognition input width (a batch is as wide as its widest crop at height 48, at least this).</summary>
    [Range(32, 4096)]
    public int RecognitionMinWidth { get; set; } = 320;

    /// <summary>Widest recognition input; longer lines are squeezed horizontally.</summary>
    [Range(32, 8192)]
    public int RecognitionMaxWidth { get; set; } = 1600;

    /// <summary>Text line crops per recognition run.</summary>
    [Range(1, 256)]
    public int RecognitionBatchSize { get; set; } = 8;

    /// <summary>Lines recognised with a lower mean character probability are dropped.</summary>
    [Range(0, 1)]
    public float MinConfidence { get; set; } = 0.5f;
}

/// <summary>Which frame the text detector reads for a shot.</summary>
public enum OcrFrameSource
{
    /// <summary>
    /// The keyframe as decoded for the other detectors (short side 256 by default): no extra decoding. PP-OCRv4 still reads
    /// rendered text down to about 7 pixels high there (20-pixel captions of a 720p video).
    /// </summary>
    Keyframe,

    /// <summary>
    /// The keyframe's time read again from the source file at full resolution with ffmpeg: one extra process and seek per shot
    /// (about 3x the time per shot), for videos with fine print.
    /// </summary>
    Source,
}
