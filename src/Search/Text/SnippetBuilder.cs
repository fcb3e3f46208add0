using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Cbvr.Search.Text;

/// <summary>
/// The snippets of one query's hits: the video's segment documents scored by BM25 for the same query (field, shot and
/// times), and the file name, title and concept tags when they match on their own (no times).
/// </summary>
internal sealed class SnippetBuilder(EnglishTextAnalyzer analyzer, IndexSearcher searcher, ParsedQuery query)
{
    /// <summary>Longest snippet text; longer stored text is cut around its first matched term.</summary>
    public const int MaxChars = 160;

    /// <summary>Characters kept before the first matched term when cutting.</summary>
    private const int Lead = 40;

    private const string Ellipsis = "\u2026";

    private readonly Query segmentQuery = TextQueryBuilder.Build(query, QueryFields.Segment);
    private readonly Query fileQuery = TextQueryBuilder.Build(query, QueryFields.FileOnly);
    private readonly Query titleQuery = TextQueryBuilder.Build(query, QueryFields.TitleOnly);
    private readonly Query conceptQuery = TextQueryBuilder.Build(query, QueryFields.ConceptOnly);

    public IReadOnlyList<TextSnippet> Build(string videoId, int videoDoc, Document video, int count)
    {
        if (count <= 0)
        {
            return [];
        }

        var snippets = new List<TextSnippet>();
        var ofVideo = new QueryWrapperFilter(new TermQuery(new Term(TextFields.VideoId, videoId)));
        foreach (var hit in searcher.Search(segmentQuery, ofVideo, count).ScoreDocs)
        {
            var segment = searcher.Doc(hit.Doc);
            var source = segment.Get(TextFields.SegmentSource);
            var field = source == TextDocuments.AsrSource ? TextFields.SegmentAsr : TextFields.SegmentOcr;
            snippets.Add(new TextSnippet(
                source,
                segment.GetField(TextFields.Shot).GetInt32Value(),
                segment.GetField(TextFields.Start).GetDoubleValue(),
                segment.GetField(TextFields.End).GetDoubleValue(),
                Cut(segment.Get(TextFields.SegmentText), field),
                hit.Score));
        }

        AddIfMatched(snippets, TextFields.File, fileQuery, videoDoc, () => video.Get(TextFields.FileName));
        AddIfMatched(snippets, TextFields.Title, titleQuery, videoDoc, () => Cut(video.Get(TextFields.Title), TextFields.Title));
        AddIfMatched(snippets, TextFields.Concept, conceptQuery, videoDoc, () => MatchedConcepts(video));
        return snippets.OrderByDescending(s => s.Score).Take(count).ToList();
    }

    private void AddIfMatched(List<TextSnippet> snippets, string field, Query fieldQuery, int videoDoc, Func<string> text)
    {
        var explanation = searcher.Explain(fieldQuery, videoDoc);
        if (explanation.IsMatch && explanation.Value > 0)
        {
            snippets.Add(new TextSnippet(field, null, null, null, text(), explanation.Value));
        }
    }

    private string MatchedConcepts(Document video) => string.Join(", ", video.GetValues(TextFields.Concept)
        .Where(name => TextAnalysis.Analyze(analyzer, TextFields.Concept, name).Any(t => query.TermSet.Contains(t.Term))));

    /// <summary>
    /// <paramref name="text"/> when short, else about <see cref="MaxChars"/> characters starting a little before its first
    /// matched term, cut at spaces, with ellipses where text was left out.
    /// </summary>
    private string Cut(string text, string field)
    {
        if (text.Length <= MaxChars)
        {
            return text;
        }

        var first = TextAnalysis.Analyze(analyzer, field, text).FirstOrDefault(t => query.TermSet.Contains(t.Term));
        var anchor = first.Term is null ? 0 : first.Start;
        var start = Math.Clamp(anchor - Lead, 0, text.Length - MaxChars);
        if (start > 0)
        {
            var space = text.IndexOf(' ', start, anchor - start);
            start = space >= 0 ? space + 1 : start;
        }

        var end = Math.Min(text.Length, start + MaxChars);
        if (end < text.Length)
        {
            var space = text.LastIndexOf(' ', end - 1, end - anchor);
            end = space > anchor ? space : end;
        }

        return (start > 0 ? Ellipsis : "") + text[start..end].Trim() + (end < text.Length ? Ellipsis : "");
    }
}
