using Cbvr.Search.Text;
using static Cbvr.Search.Tests.Text.TextCorpus;

namespace Cbvr.Search.Tests.Text;

public sealed class TextIndexUpdateTests
{
    [Fact]
    public void SnippetsCarryTheSegmentsShotAndTimes()
    {
        var video = new VideoTextDocument("v", "v.mp4", null, [],
        [
            new TextSegment(3, "asr", 10.0, 12.0, "nothing to see"),
            new TextSegment(4, "asr", 12.5, 15.25, "look, a zebra in the grass"),
            new TextSegment(7, "ocr", 30.0, 31.5, "ZEBRA PARK"),
        ]);
        using var corpus = NewIndex(video);

        var hit = Assert.Single(corpus.Index.Search("zebra", 10));

        Assert.Equal(2, hit.Snippets.Count);
        var asr = hit.Snippets.Single(s => s.Field == "asr");
        Assert.Equal(new TextSnippet("asr", 4, 12.5, 15.25, "look, a zebra in the grass", asr.Score), asr);
        var ocr = hit.Snippets.Single(s => s.Field == "ocr");
        Assert.Equal(new TextSnippet("ocr", 7, 30.0, 31.5, "ZEBRA PARK", ocr.Score), ocr);
        Assert.Single(corpus.Index.Search("zebra", 10, snippetsPerHit: 1)[0].Snippets);
    }

    [Fact]
    public void DeleteRemovesTheVideoAndItsSegments()
    {
        using var corpus = NewIndex(Video("a", asr: "an elephant walks"), Video("b", asr: "an elephant sleeps"));

        corpus.Index.Delete("a");
        corpus.Index.Commit(2);
        Assert.Equal(["b"], Ids(corpus.Index.Search("elephant", 10)));
        Assert.Equal(1, corpus.Index.Count);

        // Same id again with other text: a left-over segment of the old "a" would show up as a snippet here.
        corpus.Index.Upsert(Video("a", asr: "a giraffe eats"));
        corpus.Index.Commit(3);
        var hit = corpus.Index.Search("giraffe elephant", 10).Single(h => h.VideoId == "a");
        Assert.Equal(["a giraffe eats"], hit.Snippets.Select(s => s.Text));
    }

    [Fact]
    public void UpsertTwiceKeepsOneCopyWithTheNewText()
    {
        using var corpus = NewIndex(Video("a", asr: "an elephant walks", title: "Old title"));

        corpus.Index.Upsert(Video("a", asr: "a tiger runs", title: "New title"));
        corpus.Index.Upsert(Video("a", asr: "a tiger runs", title: "New title"));
        corpus.Index.Commit(2);

        Assert.Equal(1, corpus.Index.Count);
        Assert.Empty(corpus.Index.Search("elephant", 10));
        var hit = Assert.Single(corpus.Index.Search("tiger title", 10));
        Assert.Equal(["a tiger runs", "New title"], hit.Snippets.Select(s => s.Text).Order());
    }

    [Fact]
    public void ChangesBecomeVisibleAtCommit()
    {
        using var corpus = NewIndex();

        corpus.Index.Upsert(Video("a", asr: "an elephant walks"));
        Assert.Empty(corpus.Index.Search("elephant", 10));
        Assert.Equal(0, corpus.Index.Count);

        corpus.Index.Commit(5);
        Assert.Single(corpus.Index.Search("elephant", 10));
        Assert.Equal(1, corpus.Index.Count);
    }

    [Fact]
    public void CommittedSequenceAndHitsSurviveAReopen()
    {
        using var corpus = new TempIndex();
        Assert.Equal(0, corpus.Index.CommittedSequence);
        corpus.Index.Upsert(Video("a", asr: "an elephant walks by the river", ocr: "RIVERVIEW"));
        corpus.Index.Upsert(Video("b", asr: "the elephant", title: "Elephant river"));
        corpus.Index.Commit(42);
        var before = corpus.Index.Search("elephant river", 10);

        corpus.Reopen();

        Assert.Equal(42, corpus.Index.CommittedSequence);
        Assert.Equal(2, corpus.Index.Count);
        var after = corpus.Index.Search("elephant river", 10);
        Assert.Equal(before.Select(h => (h.VideoId, h.Score)), after.Select(h => (h.VideoId, h.Score)));
        Assert.Equal(before.SelectMany(h => h.Snippets), after.SelectMany(h => h.Snippets));
        Assert.True(corpus.Index.SizeBytes > 0);
    }

    [Fact]
    public void UncommittedChangesAreDroppedOnCloseAsInACrash()
    {
        using var corpus = NewIndex(Video("a", asr: "an elephant walks"));
        corpus.Index.Upsert(Video("b", asr: "another elephant"));
        corpus.Index.Delete("a");

        corpus.Reopen();

        Assert.Equal(1, corpus.Index.CommittedSequence);
        Assert.Equal(["a"], Ids(corpus.Index.Search("elephant", 10)));
    }

    [Fact]
    public void AcceptFilterAppliesBeforeTheLimit()
    {
        // The accepted videos rank lowest (longest text), so filtering after the top-2 cut would return nothing.
        var videos = Enumerable.Range(0, 30).Select(i => Video($"v{i:00}", asr: i % 10 == 7
            ? "a long story with many other words and then the elephant at the very end of it"
            : "the elephant")).ToArray();
        using var corpus = NewIndex(videos);
        var asked = new List<string>();

        var hits = corpus.Index.Search("elephant", 2, id =>
        {
            asked.Add(id);
            return id.EndsWith('7');
        });

        Assert.Equal(2, hits.Count);
        Assert.All(hits, h => Assert.EndsWith("7", h.VideoId, StringComparison.Ordinal));
        Assert.Equal(30, asked.Count);
        Assert.Equal(30, asked.Distinct().Count());
    }

    [Fact]
    public async Task SearchesRunWhileVideosAreUpsertedAndCommitted()
    {
        using var corpus = NewIndex(Fillers(20));
        var writing = Task.Run(() =>
        {
            for (var i = 0; i < 200; i++)
            {
                corpus.Index.Upsert(Video($"v{i % 50}", asr: $"an elephant number {i}", ocr: "ELEPHANTPARADE"));
                if (i % 20 == 19)
                {
                    corpus.Index.Commit(i);
                }
            }
        });
        var searches = 0;
        while (!writing.IsCompleted)
        {
            Assert.All(corpus.Index.Search("elephant parade", 20), hit => Assert.NotEmpty(hit.Snippets));
            searches++;
        }

        await writing;
        Assert.True(searches > 0);
        Assert.Equal(199, corpus.Index.CommittedSequence);
        Assert.Equal(70, corpus.Index.Count);
        Assert.Equal(50, corpus.Index.Search("elephant parade", 100).Count);
    }

    [Fact]
    public void InMemoryIndexWorksAndHasNoSize()
    {
        using var index = TextIndex.Open(null);
        index.Upsert(Video("a", asr: "an elephant walks"));
        index.Commit(7);

        Assert.Equal(["a"], Ids(index.Search("elephant", 10)));
        Assert.Equal(7, index.CommittedSequence);
        Assert.Equal(0, index.SizeBytes);
    }

    [Fact]
    public void SegmentsWithAnUnknownSourceAreRejected()
    {
        using var index = TextIndex.Open(null);
        var video = new VideoTextDocument("a", "a.mp4", null, [], [new TextSegment(1, "subtitle", 0, 1, "hi")]);

        var error = Assert.Throws<ArgumentException>(() => index.Upsert(video));
        Assert.Contains("subtitle", error.Message, StringComparison.Ordinal);
    }
}
