using Lucene.Net.Documents;
using Lucene.Net.Util;

namespace Cbvr.Search.Text;

/// <summary>Turns a <see cref="VideoTextDocument"/> into its Lucene documents: one video document and one per segment.</summary>
internal static class TextDocuments
{
    public const string AsrSource = "asr";
    public const string OcrSource = "ocr";

    public static List<Document> Build(VideoTextDocument video)
    {
        ArgumentNullException.ThrowIfNull(video);
        ArgumentException.ThrowIfNullOrWhiteSpace(video.VideoId);
        ArgumentNullException.ThrowIfNull(video.FileName);
        ArgumentNullException.ThrowIfNull(video.ConceptNames);
        ArgumentNullException.ThrowIfNull(video.Segments);
        foreach (var segment in video.Segments)
        {
            if (segment.Source is not (AsrSource or OcrSource))
            {
                throw new ArgumentException(
                    $"text segment of video '{video.VideoId}' has source '{segment.Source}'; expected \"asr\" or \"ocr\"",
                    nameof(video));
            }
        }

        var documents = new List<Document>(video.Segments.Count + 1) { VideoDocument(video) };
        documents.AddRange(video.Segments.Select(segment => SegmentDocument(video.VideoId, segment)));
        return documents;
    }

    private static Document VideoDocument(VideoTextDocument video)
    {
        var document = new Document
        {
            new StringField(TextFields.VideoId, video.VideoId, Field.Store.YES),
            new SortedDocValuesField(TextFields.VideoId, new BytesRef(video.VideoId)),
            new StringField(TextFields.Type, TextFields.VideoType, Field.Store.NO),
            new StoredField(TextFields.FileName, video.FileName),
            new TextField(TextFields.File, TextAnalysis.FileNameWords(video.FileName), Field.Store.NO),
        };
        if (!string.IsNullOrWhiteSpace(video.Title))
        {
            document.Add(new TextField(TextFields.Title, video.Title, Field.Store.YES));
        }

        foreach (var concept in video.ConceptNames.Where(name => !string.IsNullOrWhiteSpace(name)))
        {
            document.Add(new TextField(TextFields.Concept, concept, Field.Store.YES));
        }

        foreach (var segment in video.Segments)
        {
            var field = segment.Source == AsrSource ? TextFields.Asr : TextFields.Ocr;
            document.Add(new TextField(field, segment.Text ?? "", Field.Store.NO));
        }

        var ocrLines = video.Segments.Where(s => s.Source == OcrSource).Select(s => s.Text ?? "").ToList();
        if (ocrLines.Count > 0)
        {
            document.Add(new TextField(TextFields.OcrGrams, new OcrGramTokenStream(ocrLines)));
        }

        return document;
    }

    private static Document SegmentDocument(string videoId, TextSegment segment)
    {
        var text = segment.Text ?? "";
        var asr = segment.Source == AsrSource;
        var document = new Document
        {
            new StringField(TextFields.VideoId, videoId, Field.Store.NO),
            new SortedDocValuesField(TextFields.VideoId, new BytesRef(videoId)),
            new StringField(TextFields.Type, TextFields.SegmentType, Field.Store.NO),
            new StoredField(TextFields.SegmentSource, segment.Source),
            new StoredField(TextFields.Shot, segment.Shot),
            new StoredField(TextFields.Start, segment.StartSeconds),
            new StoredField(TextFields.End, segment.EndSeconds),
            new StoredField(TextFields.SegmentText, text),
            new TextField(asr ? TextFields.SegmentAsr : TextFields.SegmentOcr, text, Field.Store.NO),
        };
        if (!asr)
        {
            document.Add(new TextField(TextFields.SegmentOcrGrams, new OcrGramTokenStream([text])));
        }

        return document;
    }
}
