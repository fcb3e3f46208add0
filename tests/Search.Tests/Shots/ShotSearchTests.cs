using Cbvr.Detectors.Storage;
using Cbvr.Ingest.Catalog;
using Cbvr.Search.Queries;
using Cbvr.Search.Shots;
using Cbvr.Search.Tests.Library;

namespace Cbvr.Search.Tests.Shots;

/// <summary>Shot-level ad-hoc search on the analysed demo library: concepts, speech and on-screen text lead to the right shot.</summary>
[Collection(DemoLibraryCollection.Name)]
public sealed class ShotSearchTests(DemoLibrary library)
{
    private ShotSearch Shots => library.Host.Get<ShotSearch>();

    [Fact]
    public void DogRanksTheDogClipsStrongestDogShotFirst()
    {
        var result = Shots.Search("dog");

        var top = result.Shots[0];
        Assert.Equal(library.VideoIds[DemoLibrary.Dog], top.VideoId);
        var dog = Assert.Single(top.Concepts, c => c.Id.EndsWith(":dog", StringComparison.Ordinal) && c.Id.StartsWith("coco", StringComparison.Ordinal));
        var byShot = library.Host.Get<DetectionStore>().ShotConcepts(top.VideoId);
        var strongest = byShot.Select(g => (Shot: g.Key, Score: g.FirstOrDefault(c => c.Concept == dog.Id)?.Score ?? 0)).MaxBy(s => s.Score);
        Assert.Equal(strongest.Shot, top.ShotIndex);
        var shot = library.Host.Get<VideoCatalog>().Shots(top.VideoId).Single(s => s.Index == top.ShotIndex);
        Assert.Equal((shot.StartSeconds, shot.EndSeconds), (top.StartSeconds, top.EndSeconds));
    }

    [Fact]
    public void ASpokenWordRanksTheShotItIsSaidIn()
    {
        var top = Shots.Search("elephant").Shots[0];

        Assert.Equal(library.VideoIds[DemoLibrary.SpeechClip], top.VideoId);
        var said = Assert.Single(top.Texts, t => t.Field == "asr");
        Assert.Equal(top.ShotIndex, said.Shot);
        Assert.Contains("elephant", said.Text, StringComparison.OrdinalIgnoreCase);
        Assert.InRange(said.StartSeconds!.Value, top.StartSeconds, top.EndSeconds);
        Assert.InRange(said.StartSeconds.Value, 1.5, 6);
    }

    [Fact]
    public void OnScreenTextRanksTheShotShowingIt()
    {
        var top = Shots.Search("hello world").Shots[0];

        Assert.Equal(library.VideoIds[DemoLibrary.Hello], top.VideoId);
        var seen = Assert.Single(top.Texts.Where(t => t.Field == "ocr").Take(1));
        Assert.Equal(top.ShotIndex, seen.Shot);
        Assert.InRange(seen.StartSeconds!.Value, top.StartSeconds, top.EndSeconds);
    }

    [Fact]
    public void TheLimitCutsTheSameRanking()
    {
        var all = Shots.Search("dog ball bird person", limit: 1000).Shots;
        var three = Shots.Search("dog ball bird person", limit: 3).Shots;

        Assert.True(all.Count > 3, $"only {all.Count} shots");
        Assert.Equal(3, three.Count);
        Assert.Equal(all.Take(3).Select(Key), three.Select(Key));
    }

    [Fact]
    public void RankingIsDeterministicWithNonIncreasingScores()
    {
        var first = Shots.Search("dog ball bird person").Shots;
        var second = Shots.Search("dog ball bird person").Shots;

        Assert.NotEmpty(first);
        Assert.Equal(first.Select(Key), second.Select(Key));
        Assert.Equal(Enumerable.Range(1, first.Count), first.Select(h => h.Rank));
        Assert.All(first.Zip(first.Skip(1)), pair => Assert.True(pair.First.Score >= pair.Second.Score, $"{pair.First.Score} < {pair.Second.Score}"));
        Assert.Equal(first.Count, first.Select(h => (h.VideoId, h.ShotIndex)).Distinct().Count());
    }

    [Theory]
    [InlineData("the of and")]
    [InlineData("qzxjvkwpfh")]
    public void AWordNothingHasGivesNoShots(string text)
    {
        var result = Shots.Search(text);

        Assert.Empty(result.Shots);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(ShotSearch.MaxLimit + 1)]
    public void ALimitOutOfRangeIsABadRequest(int limit)
    {
        var e = Assert.Throws<SearchException>(() => Shots.Search("dog", limit));

        Assert.Equal(SearchError.BadRequest, e.Error);
    }

    private static (string, int, float) Key(ShotHit hit) => (hit.VideoId, hit.ShotIndex, hit.Score);
}
