using Cbvr.Detectors.Storage;
using Cbvr.Ingest.Catalog;

namespace Cbvr.Api;

/// <summary>Adds detector results to video and shot DTOs.</summary>
public sealed class AnalysisDto(DetectionStore detections, ConceptBank bank)
{
    private readonly Lazy<Dictionary<string, string>> _names = new(() => bank.List().ToDictionary(c => c.Id, c => c.Name));

    /// <summary>The video's top <paramref name="concepts"/> concepts, its OCR text and transcript, and its steps.</summary>
    public VideoAnalysisDto ForVideo(string videoId, int concepts = 10)
    {
        var texts = detections.Texts(videoId);
        return new VideoAnalysisDto(
            [.. detections.TopConcepts(videoId, concepts).Select(c => new ConceptDto(c.Concept, Name(c.Concept), Math.Round(c.Score, 4), c.Shot, c.Shots, c.MaxCount))],
            OcrText(texts),
            string.Join(' ', texts.Where(t => t.Source == "asr").Select(t => t.Text)),
            [.. detections.Steps(videoId).Select(s => new StepDto(s.Step, s.Status, s.Error, s.DurationMs, s.Version, s.ModelHash))]);
    }

    /// <summary>The video with its analysis and its shots with their concepts and texts.</summary>
    public VideoDetailDto Detail(VideoRecord video, IReadOnlyList<string> locations, IReadOnlyList<ShotRecord> shots, int conceptsPerShot = 5)
    {
        var texts = detections.Texts(video.Id).ToLookup(t => t.Shot);
        var concepts = detections.ShotConcepts(video.Id);
        var summary = Dto.From(video) with { Analysis = ForVideo(video.Id) };
        return new VideoDetailDto(summary, locations, [.. shots.Select(s => Dto.From(video.Id, s) with
        {
            Concepts = [.. concepts[s.Index].Take(conceptsPerShot).Select(c => new ConceptDto(c.Concept, Name(c.Concept), Math.Round(c.Score, 4), s.Index, 1, c.Count))],
            Texts = [.. texts[s.Index].Select(t => new TextDto(t.Source, t.Shot, t.StartSeconds, t.EndSeconds, t.Text, Math.Round(t.Confidence, 3)))],
        })]);
    }

    private string Name(string concept) => _names.Value.TryGetValue(concept, out var n) ? n : concept[(concept.IndexOf(':', StringComparison.Ordinal) + 1)..];

    /// <summary>OCR lines in time order, a line repeated in consecutive shots kept once.</summary>
    private static string OcrText(IReadOnlyList<StoredText> texts)
    {
        var lines = new List<string>();
        foreach (var t in texts.Where(t => t.Source == "ocr"))
        {
            if (!lines.Contains(t.Text, StringComparer.OrdinalIgnoreCase))
            {
                lines.Add(t.Text);
            }
        }

        return string.Join(" | ", lines);
    }
}
