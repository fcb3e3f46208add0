using Cbvr.Search.Text;
using static Cbvr.Search.Tests.Text.TextCorpus;

namespace Cbvr.Search.Tests.Text;

public sealed class TextIndexRankingTests
{
    [Fact]
    public void Bm25RanksTheShortSpeechAboutElephantsFirst()
    {
        using var corpus = NewIndex(
            Video("long", asr: "today we walked through the market and bought fruit, bread, cheese, fish and some flowers; "
                + "later a man told a story about an elephant he saw long ago in a zoo far away from the city"),
            Video("short", asr: "the elephant is here"),
            Video("dog", asr: "a dog runs in the park"));

        var hits = corpus.Index.Search("elephant", 10);

        Assert.Equal(["short", "long"], Ids(hits));
        Assert.True(hits[0].Score > hits[1].Score);
    }

    [Fact]
    public void StemmingMatchesOtherWordForms()
    {
        using var corpus = NewIndex(Video("v", asr: "the children were running and jumping"));

        Assert.Equal(["v"], Ids(corpus.Index.Search("child runs", 10)));
    }

    [Fact]
    public void AdjacentQueryTermsRankAPhraseAboveScatteredWords()
    {
        using var corpus = NewIndex(
            Video("scattered", asr: "the birthday was fine and the party ended"),
            Video("phrase", asr: "the party was a birthday party we ended late"));

        Assert.Equal("phrase", corpus.Index.Search("birthday party", 10)[0].VideoId);
    }

    [Fact]
    public void FileNameWordsAreSearchable()
    {
        using var corpus = NewIndex(
            Video("a", file: "movie-hello.mp4"),
            Video("b", file: "myHolidayClip_01.mkv"),
            Video("c", file: "other.mp4"));

        var movie = corpus.Index.Search("movie", 10);
        Assert.Equal(["a"], Ids(movie));
        var snippet = Assert.Single(movie[0].Snippets);
        Assert.Equal(new TextSnippet("file", null, null, null, "movie-hello.mp4", snippet.Score), snippet);
        Assert.Equal(["b"], Ids(corpus.Index.Search("holiday", 10)));
        Assert.Empty(corpus.Index.Search("mp4", 10));
    }

    [Fact]
    public void TitleAndConceptMatchesGiveSnippetsWithoutTimes()
    {
        using var corpus = NewIndex(Video("v", title: "Parade in town", concepts: ["great white shark", "dog"]));

        var hit = Assert.Single(corpus.Index.Search("shark parade", 10));

        var fields = hit.Snippets.ToDictionary(s => s.Field);
        Assert.Equal("Parade in town", fields["title"].Text);
        Assert.Equal("great white shark", fields["concept"].Text);
        Assert.All(hit.Snippets, s => Assert.Null(s.StartSeconds));
        Assert.True(fields["title"].Score > fields["concept"].Score, "title weighs 1.5, concept 0.5");
    }

    [Fact]
    public void QueryTextIsNotParsedAsQuerySyntax()
    {
        using var corpus = NewIndex(Video("v", asr: "an elephant and a zebra"));

        Assert.Equal(["v"], Ids(corpus.Index.Search("elephant AND NOT zebra* title:\"[x TO y]\" ~2 ^3 (", 10)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("the of and is it")]
    [InlineData("!!! ... ??? -- ()")]
    public void QueriesWithoutUsableTermsReturnNothing(string query)
    {
        using var corpus = NewIndex(Video("v", asr: "the of and is it", ocr: "!!! THE AND"));

        Assert.Empty(corpus.Index.Search(query, 10));
    }

    [Fact]
    public void AVeryLongQueryIsCappedAndStillFindsTheVideo()
    {
        var videos = Enumerable.Range(0, 50)
            .Select(i => Video($"v{i}", asr: $"people gather word{i} for a parade with music", ocr: $"TOWN{i} NEWS"))
            .Append(Video("elephant", asr: "an elephant crosses the river near the village"))
            .ToArray();
        using var corpus = NewIndex(videos);
        var text = new System.Text.StringBuilder("A video about an elephant crossing a river. ");
        for (var i = 0; text.Length < 10_000; i++)
        {
            text.Append($"Word{i} people gather for a parade, town{i} news and music number{i}. ");
        }

        var hits = corpus.Index.Search(text.ToString(), 100);

        Assert.Contains("elephant", Ids(hits));
        Assert.True(hits.Count > 10);
    }

    [Fact]
    public void LongSpeechSnippetsAreCutAroundTheFirstMatch()
    {
        var before = string.Join(' ', Enumerable.Repeat("people talk about the weather", 20));
        var after = string.Join(' ', Enumerable.Repeat("and the music plays on", 20));
        using var corpus = NewIndex(Video("v", asr: before + " then an elephant appears " + after));

        var snippet = Assert.Single(Assert.Single(corpus.Index.Search("elephant", 10)).Snippets);

        Assert.Contains("elephant", snippet.Text, StringComparison.Ordinal);
        Assert.InRange(snippet.Text.Length, 100, 162);
        Assert.StartsWith("\u2026", snippet.Text, StringComparison.Ordinal);
        Assert.EndsWith("\u2026", snippet.Text, StringComparison.Ordinal);
    }
}
