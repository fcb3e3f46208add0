using System.ComponentModel.DataAnnotations;

namespace Cbvr.Ingest;

/// <summary>Settings of the ingest pipeline, bound from the <c>Ingest</c> configuration section.</summary>
public sealed class IngestOptions
{
    public const string SectionName = "Ingest";

    /// <summary>Frames sampled per second of video for shot detection and keyframes.</summary>
    [Range(0.1, 30)]
    public double FramesPerSecond { get; set; } = 2;

    /// <summary>Shorter side of decoded frames in pixels (aspect kept, never upscaled). 256 leaves room for 224-pixel CNN crops.</summary>
    [Range(32, 2160)]
    public int FrameShortSide { get; set; } = 256;

    /// <summary>Sample rate of the extracted mono audio track.</summary>
    [Range(8000, 48000)]
    public int AudioSampleRate { get; set; } = 16000;

    /// <summary>Jobs run at once. Each job runs one ffmpeg process, which is itself multi-threaded.</summary>
    [Range(1, 64)]
    public int MaxConcurrentJobs { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>Directory or file names tried as a source when a folder is ingested; explicit files are always tried.</summary>
    public string[] Extensions { get; set; } =
        [".mp4", ".m4v", ".mov", ".avi", ".mkv", ".webm", ".mpg", ".mpeg", ".ts", ".mts", ".m2ts", ".ogv", ".ogg", ".wmv", ".flv", ".3gp", ".vob"];

    /// <summary>Folders that ingest may read from. Empty: any path the process can read (local CLI use).</summary>
    public string[] AllowedRoots { get; set; } = [];

    /// <summary>Largest accepted frame side in pixels; larger headers are treated as damaged.</summary>
    [Range(64, 16384)]
    public int MaxFrameSide { get; set; } = 8192;

    /// <summary>Longest accepted video.</summary>
    [Range(1, 1000)]
    public double MaxDurationHours { get; set; } = 48;

    /// <summary>When false (default), errors in the video bitstream fail the job; audio errors are only warnings.</summary>
    public bool TolerateVideoDecodeErrors { get; set; }

    /// <summary>Time limit for ffprobe.</summary>
    [Range(1, 600)]
    public int ProbeTimeoutSeconds { get; set; } = 30;

    /// <summary>Decode time limit: this many seconds plus <see cref="DecodeTimeoutPerVideoSecond"/> per second of video.</summary>
    [Range(1, 3600)]
    public int DecodeTimeoutSeconds { get; set; } = 120;

    [Range(0.01, 100)]
    public double DecodeTimeoutPerVideoSecond { get; set; } = 2;

    /// <summary>Attempts for a job interrupted by a crash before it is marked failed.</summary>
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 2;

    /// <summary>Folder holding ffmpeg and ffprobe; empty: found on PATH.</summary>
    public string FfmpegDirectory { get; set; } = "";

    /// <summary>JPEG quality of keyframe thumbnails.</summary>
    [Range(10, 100)]
    public int KeyframeJpegQuality { get; set; } = 85;

    public ShotOptions Shots { get; set; } = new();

    /// <summary>Browser-playable copies for the web player (<c>Ingest:Playback</c>).</summary>
    public Media.PlaybackOptions Playback { get; set; } = new();
}

/// <summary>Shot boundary detection on HSV histograms (see <see cref="Shots.ShotDetector"/>).</summary>
public sealed class ShotOptions
{
    /// <summary>No cut is accepted below this signature distance (0..1, see <see cref="Shots.FrameSignature"/>).</summary>
    [Range(0.01, 1)]
    public double MinCutDistance { get; set; } = 0.15;

    /// <summary>A cut must exceed the median of recent distances by this many robust standard deviations.</summary>
    [Range(0.5, 20)]
    public double AdaptiveSigmas { get; set; } = 4;

    /// <summary>A cut must also be a spike: this many times the distances just before and after it...</summary>
    [Range(1, 10)]
    public double SpikeRatio { get; set; } = 1.6;

    /// <summary>...unless it is at least this large, which no camera motion produces between two samples.</summary>
    [Range(0.05, 1)]
    public double StrongCutDistance { get; set; } = 0.5;

    /// <summary>Distance that opens a candidate gradual transition (twin comparison's low threshold).</summary>
    [Range(0.01, 1)]
    public double GradualStartDistance { get; set; } = 0.08;

    /// <summary>Recent in-shot distances kept for the adaptive threshold, in seconds.</summary>
    [Range(1, 120)]
    public double WindowSeconds { get; set; } = 10;

    /// <summary>Shortest shot; boundaries closer than this to the previous one are ignored.</summary>
    [Range(0, 60)]
    public double MinShotSeconds { get; set; } = 0.9;
}
