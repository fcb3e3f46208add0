using static Cbvr.Search.Tests.Text.TextCorpus;

namespace Cbvr.Search.Tests.Text;

public sealed class TextIndexOcrTests
{
    [Fact]
    public void WordsFindOcrTextWhoseSpacesWereDropped()
    {
        using var corpus = NewIndex(
            [Video("compact", ocr: "HELLOWORLD2026"),
            Video("mixed", ocr: "Helloworld"),
            Video("hello-only", ocr: "HELLO"),
            Video("low", ocr: "LOW"),
            Video("reversed", ocr: "WORLDHELLO"),
            Video("typo", ocr: "HELLOWORD"),
            Video("spaced", ocr: "HELLOWOR LD"),
            .. Fillers(40)]);

        var hits = corpus.Index.Search("hello world", 10);

        Assert.Equal(["compact", "mixed", "spaced"], Ids(hits).Take(3).Order());
        Assert.DoesNotContain("low", Ids(hits));
        Assert.DoesNotContain("reversed", Ids(hits));
        Assert.DoesNotContain("typo", Ids(hits));
        var snippet = Assert.Single(hits.Single(h => h.VideoId == "compact").Snippets);
        Assert.Equal(("ocr", 2, 5.0, 6.0, "HELLOWORLD2026"), (snippet.Field, snippet.Shot, snippet.StartSeconds, snippet.EndSeconds, snippet.Text));
    }

    [Fact]
    public void AVideoWithOnlyOneOfTheWordsIsNotACompactMatch()
    {
        using var corpus = NewIndex([Video("compact", ocr: "HELLOWORLD2026"), Video("hello-only", ocr: "HELLO"), .. Fillers(40)]);

        var hits = corpus.Index.Search("hello world", 10);
        var scores = string.Join(", ", hits.Select(h => $"{h.VideoId} {h.Score}"));
        Assert.True(hits[0].VideoId == "compact", scores);
        if (hits.Count > 1)
        {
            // "hello" is a query word, so BM25 (OR semantics) may list it, but well below the full match.
            Assert.True(hits[1].Score < hits[0].Score * 0.75, scores);
        }

        Assert.Equal(["compact"], Ids(corpus.Index.Search("helloworld", 10)));
        Assert.Empty(corpus.Index.Search("low", 10));
        Assert.Empty(corpus.Index.Search("ell", 10));
    }

    [Fact]
    public void CompactMatchesStayWithinOneOcrLineButIgnoreSpacesInIt()
    {
        var video = new Cbvr.Search.Text.VideoTextDocument("v", "v.mp4", null, [],
        [
            new(1, "ocr", 0, 1, "SALE HELLO"),
            new(2, "ocr", 1, 2, "WORLD NEWS"),
            new(3, "ocr", 2, 3, "GOOD MORN ING"),
        ]);
        using var corpus = NewIndex(video);

        Assert.Empty(corpus.Index.Search("helloworld", 10));
        var hit = Assert.Single(corpus.Index.Search("goodmorning", 10));
        Assert.Equal("GOOD MORN ING", hit.Snippets[0].Text);
    }
}
