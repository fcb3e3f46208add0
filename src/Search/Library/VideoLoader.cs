using System.Text;
using Cbvr.Detectors.Audio;
using Cbvr.Detectors.Storage;
using Cbvr.Features.Store;
using Cbvr.Ingest.Catalog;
using Cbvr.Search.Text;

namespace Cbvr.Search.Library;

/// <summary>Reads what the indexes need of one video: metadata, texts grouped into timed segments, video-level concepts, vectors.</summary>
public sealed class VideoLoader(DetectionStore detections, FeatureStore features)
{
    /// <summary>Concepts at least this strong are also indexed as words (the "concept" text field).</summary>
    private const float ConceptTagScore = 0.5f;

    /// <summary>ASR words further apart than this start a new segment.</summary>
    private const double WordGapSeconds = 1.5;

    private const double MaxSegmentSeconds = 12;

    /// <summary>The catalogued <paramref name="video"/> as the indexes hold it.</summary>
    public IndexedVideo Load(VideoRecord video, int ordinal)
    {
        var videoId = video.Id;
        var concepts = detections.TopConcepts(videoId, int.MaxValue).ToDictionary(c => c.Concept, c => Math.Clamp(c.Score, 0f, 1f), StringComparer.Ordinal);
        var texts = detections.Texts(videoId);
        var segments = Segments(texts);
        var hasSpeech = texts.Any(t => t.Source == "asr") || (concepts.TryGetValue(SpeechDetector.SpeechConcept, out var speech) && speech >= 0.5f);
        var entry = new VideoEntry(ordinal, video.Id, video.FileName, video.DurationSeconds, video.IngestedAt, hasSpeech, texts.Any(t => t.Source == "ocr"), video.ShotCount);
        var tags = concepts.Where(c => c.Value >= ConceptTagScore && !c.Key.StartsWith(SpeechDetector.DetectorId + ":", StringComparison.Ordinal))
            .Select(c => ConceptName(c.Key)).Distinct().ToList();
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var space in VectorSpace.All)
        {
            if (space.Read(features, videoId) is { } vector)
            {
                vectors[space.Name] = vector;
            }
        }

        return new IndexedVideo(entry, new VideoTextDocument(video.Id, video.FileName, null, tags, segments), concepts, vectors);
    }

    /// <summary>"coco:hot_dog" → "hot dog".</summary>
    public static string ConceptName(string conceptId) => conceptId[(conceptId.IndexOf(':', StringComparison.Ordinal) + 1)..].Replace('_', ' ');

    /// <summary>OCR lines as they are; ASR words joined into phrases (same shot, short gaps, at most 12 s).</summary>
    internal static List<TextSegment> Segments(IReadOnlyList<StoredText> texts)
    {
        var segments = new List<TextSegment>();
        foreach (var line in texts.Where(t => t.Source != "asr"))
        {
            segments.Add(new TextSegment(line.Shot, line.Source, line.StartSeconds, line.EndSeconds, line.Text));
        }

        StringBuilder? phrase = null;
        StoredText? first = null;
        StoredText? last = null;
        foreach (var word in texts.Where(t => t.Source == "asr").OrderBy(t => t.StartSeconds))
        {
            if (phrase is not null && (word.Shot != last!.Shot || word.StartSeconds - last.EndSeconds > WordGapSeconds || word.EndSeconds - first!.StartSeconds > MaxSegmentSeconds))
            {
                segments.Add(new TextSegment(first!.Shot, "asr", first.StartSeconds, last.EndSeconds, phrase.ToString()));
                phrase = null;
            }

            if (phrase is null)
            {
                phrase = new StringBuilder(word.Text);
                first = word;
            }
            else
            {
                phrase.Append(' ').Append(word.Text);
            }

            last = word;
        }

        if (phrase is not null)
        {
            segments.Add(new TextSegment(first!.Shot, "asr", first.StartSeconds, last!.EndSeconds, phrase.ToString()));
        }

        return segments;
    }
}
