using Cbvr.Features.Audio;
using Cbvr.Features.Extractors;
using Cbvr.Ingest.Catalog;
using OpenCvSharp;

namespace Cbvr.Detectors.Analysis;

/// <summary>Loads what analysis works on from a video folder (staged or committed): keyframes decoded from their JPEGs, and the audio track.</summary>
public static class ContentLoader
{
    public static VideoContent Load(VideoContentInfo info, string videoFolder, double durationSeconds, IReadOnlyList<ShotRecord> shots)
    {
        Cbvr.Ingest.Shots.NativeLibraries.EnsureOpenCv();
        var spans = shots.Select(s => new ShotSpan(s.Index, s.StartSeconds, s.EndSeconds, s.KeyframeSeconds)).ToList();
        var keyframes = new List<Mat?>(shots.Count);
        foreach (var shot in shots)
        {
            var path = shot.KeyframeFile is null ? null : Path.Combine(videoFolder, shot.KeyframeFile);
            Mat? image = null;
            if (path is not null && File.Exists(path))
            {
                image = Cv2.ImRead(path, ImreadModes.Color);
                if (image.Empty())
                {
                    image.Dispose();
                    throw new InvalidDataException($"keyframe {path} cannot be decoded");
                }
            }

            keyframes.Add(image);
        }

        var audioPath = AudioPath(videoFolder);
        if (!File.Exists(audioPath))
        {
            return new VideoContent(info, durationSeconds, spans, keyframes, null, 0, null);
        }

        var audio = WavReader.Read(audioPath);
        return new VideoContent(info, durationSeconds, spans, keyframes, audio.Samples, audio.SampleRate, audioPath);
    }

    /// <summary>The decoded audio track inside the video folder (absent for a video without audio).</summary>
    public static string AudioPath(string videoFolder) => Path.Combine(videoFolder, "audio.wav");
}
