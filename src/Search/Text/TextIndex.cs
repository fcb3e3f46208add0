using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Cbvr.Search.Text;

/// <summary>
/// Full-text index of videos (ASR and OCR text with shot times, concept tags, file name, title) on Lucene.Net, ranked by
/// BM25 at video level. Updates are incremental (<see cref="Upsert"/>, <see cref="Delete"/>) and become durable and
/// visible to <see cref="Search"/> at <see cref="Commit"/>, which records the caller's sequence number in the commit so
/// that after a crash the caller replays its changes from <see cref="CommittedSequence"/>. Disposing drops uncommitted
/// changes, exactly as a crash would. Search is safe to run concurrently with updates and commits.
/// </summary>
public sealed class TextIndex : IDisposable
{
    private const string SequenceKey = "seq";

    private readonly LuceneDirectory directory;
    private readonly string? path;
    private readonly EnglishTextAnalyzer analyzer = new();
    private readonly IndexWriter writer;
    private readonly SearcherManager searchers;
    private readonly System.Threading.Lock commitGate = new();
    private long committedSequence;

    private TextIndex(LuceneDirectory directory, string? path)
    {
        this.directory = directory;
        this.path = path;
        var config = new IndexWriterConfig(EnglishTextAnalyzer.Version, analyzer)
        {
            OpenMode = OpenMode.CREATE_OR_APPEND,
            Similarity = new BM25Similarity(),
        };
        writer = new IndexWriter(directory, config);
        committedSequence = writer.CommitData.TryGetValue(SequenceKey, out var value)
            ? long.Parse(value, CultureInfo.InvariantCulture)
            : 0;
        searchers = new SearcherManager(writer, applyAllDeletes: true, new Bm25SearcherFactory());
    }

    /// <summary>
    /// Opens the index in <paramref name="directory"/> (created if missing), or a new in-memory index when it is null.
    /// Only one <see cref="TextIndex"/> may have a directory open at a time (Lucene's write lock).
    /// </summary>
    public static TextIndex Open(string? directory)
    {
        if (directory is null)
        {
            return new TextIndex(new RAMDirectory(), null);
        }

        var full = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(full);
        var fs = FSDirectory.Open(new DirectoryInfo(full));
        try
        {
            return new TextIndex(fs, full);
        }
        catch (LockObtainFailedException e)
        {
            fs.Dispose();
            throw new InvalidOperationException($"the search index {full} is in use by another Cbvr process (a running server?): search through its API, or stop it first", e);
        }
    }

    /// <summary>The sequence number passed to the last <see cref="Commit"/> (read back from disk on open); 0 for a new index.</summary>
    public long CommittedSequence => Interlocked.Read(ref committedSequence);

    /// <summary>Number of videos visible to searches (as of the last commit).</summary>
    public int Count => WithSearcher(searcher =>
    {
        var counter = new TotalHitCountCollector();
        searcher.Search(new TermQuery(new Term(TextFields.Type, TextFields.VideoType)), counter);
        return counter.TotalHits;
    });

    /// <summary>Bytes of the index files on disk; 0 for an in-memory index.</summary>
    public long SizeBytes => path is null ? 0 : new DirectoryInfo(path).EnumerateFiles().Sum(file => file.Length);

    /// <summary>Replaces everything stored for the video (atomically: its old documents go with the same update).</summary>
    public void Upsert(VideoTextDocument document)
    {
        var documents = TextDocuments.Build(document);
        writer.UpdateDocuments(new Term(TextFields.VideoId, document.VideoId), documents);
    }

    /// <summary>Removes the video and all its segments; nothing happens when it is not indexed.</summary>
    public void Delete(string videoId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(videoId);
        writer.DeleteDocuments(new Term(TextFields.VideoId, videoId));
    }

    /// <summary>
    /// Makes all changes so far durable (Lucene's two-phase commit with fsync) together with <paramref name="sequence"/>,
    /// then makes them visible to searches.
    /// </summary>
    public void Commit(long sequence)
    {
        lock (commitGate)
        {
            writer.SetCommitData(new Dictionary<string, string>
            {
                [SequenceKey] = sequence.ToString(CultureInfo.InvariantCulture),
            });
            writer.Commit();
            Interlocked.Exchange(ref committedSequence, sequence);
        }

        searchers.MaybeRefreshBlocking();
    }

    /// <summary>
    /// The best <paramref name="limit"/> videos for free text (never parsed as query syntax), with up to
    /// <paramref name="snippetsPerHit"/> snippets each. Only videos for which <paramref name="accept"/> is true compete
    /// for the limit. Empty when the text has no usable terms (only stop words or punctuation) or nothing matches.
    /// </summary>
    public IReadOnlyList<TextHit> Search(string query, int limit, Func<string, bool>? accept = null, int snippetsPerHit = 3)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (limit <= 0)
        {
            return [];
        }

        return WithSearcher(searcher =>
        {
            var parsed = QueryTextParser.Parse(analyzer, searcher, query);
            if (parsed is null)
            {
                return (IReadOnlyList<TextHit>)[];
            }

            var top = TopScoreDocCollector.Create(limit, docsScoredInOrder: false);
            var videoQuery = TextQueryBuilder.Build(parsed, QueryFields.Video);
            searcher.Search(videoQuery, accept is null ? top : new AcceptingCollector(top, accept));
            var hits = top.GetTopDocs().ScoreDocs;
            var videos = hits.Select(hit => searcher.Doc(hit.Doc)).Select(video => (VideoId: video.Get(TextFields.VideoId), Video: video)).ToList();
            var snippets = new SnippetBuilder(analyzer, searcher, parsed).Build(videos, snippetsPerHit);
            return hits.Select((hit, i) => new TextHit(videos[i].VideoId, hit.Score, snippets[videos[i].VideoId])).ToList();
        });
    }

    /// <summary>
    /// The best <paramref name="limit"/> ASR/OCR segments for free text, each scored by BM25 on its own (the same query as
    /// the snippets of <see cref="Search"/>), best first; ties by video id, then shot and start time. Empty when the text has
    /// no usable terms or nothing matches.
    /// </summary>
    public IReadOnlyList<SegmentHit> SearchSegments(string query, int limit)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (limit <= 0)
        {
            return [];
        }

        return WithSearcher(searcher =>
        {
            var parsed = QueryTextParser.Parse(analyzer, searcher, query);
            if (parsed is null)
            {
                return (IReadOnlyList<SegmentHit>)[];
            }

            var top = TopScoreDocCollector.Create(limit, docsScoredInOrder: false);
            searcher.Search(TextQueryBuilder.Build(parsed, QueryFields.Segment), top);
            var ids = MultiDocValues.GetSortedValues(searcher.IndexReader, TextFields.VideoId);
            var snippets = new SnippetBuilder(analyzer, searcher, parsed);
            var scratch = new Lucene.Net.Util.BytesRef();
            var hits = new List<SegmentHit>();
            foreach (var hit in top.GetTopDocs().ScoreDocs)
            {
                ids.Get(hit.Doc, scratch);
                hits.Add(new SegmentHit(scratch.Utf8ToString(), snippets.SegmentSnippet(hit)));
            }

            return [.. hits.OrderByDescending(h => h.Snippet.Score).ThenBy(h => h.VideoId, StringComparer.Ordinal)
                .ThenBy(h => h.Snippet.Shot).ThenBy(h => h.Snippet.StartSeconds)];
        });
    }

    /// <summary>Closes the index; changes since the last <see cref="Commit"/> are dropped.</summary>
    public void Dispose()
    {
        searchers.Dispose();
        writer.Rollback();
        analyzer.Dispose();
        directory.Dispose();
    }

    private T WithSearcher<T>(Func<IndexSearcher, T> use)
    {
        var searcher = searchers.Acquire();
        try
        {
            return use(searcher);
        }
        finally
        {
            searchers.Release(searcher);
        }
    }
}
