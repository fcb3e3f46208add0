using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Cbvr.Search.Text;

/// <summary>
/// The snippets of one query's hits: the hits' segment documents scored by BM25 for the same query (field, shot and
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

    /// <summary>
    /// Up to <paramref name="count"/> snippets for each hit, best first: one filtered search over the hits' segments and
    /// one per file/title/concept field, whatever the number of hits.
    /// </summary>
    public Dictionary<string, IReadOnlyList<TextSnippet>> Build(IReadOnlyList<(string VideoId, Document Video)> hits, int count)
    {
        var snippets = hits.ToDictionary(h => h.VideoId, _ => new List<TextSnippet>(), StringComparer.Ordinal);
        if (count > 0 && hits.Count > 0)
        {
            var ofHits = new VideoIdFilter(snippets.Keys);
            foreach (var (videoId, segments) in Best(segmentQuery, ofHits, count))
            {
                snippets[videoId].AddRange(segments.Select(SegmentSnippet));
            }

            var videos = hits.ToDictionary(h => h.VideoId, h => h.Video, StringComparer.Ordinal);
            AddFieldSnippets(snippets, TextFields.File, fileQuery, ofHits, video => videos[video].Get(TextFields.FileName));
            AddFieldSnippets(snippets, TextFields.Title, titleQuery, ofHits,
                video => Cut(videos[video].Get(TextFields.Title), TextFields.Title));
            AddFieldSnippets(snippets, TextFields.Concept, conceptQuery, ofHits, video => MatchedConcepts(videos[video]));
        }

        return snippets.ToDictionary(
            pair => pair.Key,
            pair => (IReadOnlyList<TextSnippet>)pair.Value.OrderByDescending(s => s.Score).Take(count).ToList(),
            StringComparer.Ordinal);
    }

    private IReadOnlyDictionary<string, List<ScoreDoc>> Best(Query pieceQuery, Filter ofHits, int perVideo)
    {
        var collector = new PerVideoCollector(perVideo);
        searcher.Search(pieceQuery, ofHits, collector);
        return collector.Best;
    }

    /// <summary>The segment document <paramref name="hit"/> as a snippet: source, shot, times, cut text, score.</summary>
    public TextSnippet SegmentSnippet(ScoreDoc hit)
    {
        var segment = searcher.Doc(hit.Doc);
        var source = segment.Get(TextFields.SegmentSource);
        return new TextSnippet(
            source,
            segment.GetField(TextFields.Shot).GetInt32Value(),
            segment.GetField(TextFields.Start).GetDoubleValue(),
            segment.GetField(TextFields.End).GetDoubleValue(),
            Cut(segment.Get(TextFields.SegmentText), source == TextDocuments.AsrSource ? TextFields.SegmentAsr : TextFields.SegmentOcr),
            hit.Score);
    }

    private void AddFieldSnippets(Dictionary<string, List<TextSnippet>> snippets, string field, Query fieldQuery, Filter ofHits,
        Func<string, string> text)
    {
        foreach (var (videoId, matches) in Best(fieldQuery, ofHits, 1))
        {
            snippets[videoId].Add(new TextSnippet(field, null, null, null, text(videoId), matches[0].Score));
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
