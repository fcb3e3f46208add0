using System.Net;
using System.Net.Http.Json;

namespace Cbvr.Api.Tests;

/// <summary>/api/concepts: the bank, a concept trained from example shots (the SMPTE bars of both clips), and its removal.</summary>
[Collection(ShotFeatureCollection.Name)]
public sealed class ApiConceptTests(ShotFeatureLibrary library)
{
    [Fact]
    public async Task TrainedFromShots_IsInTheBankWithItsQuality_ScoresTheLibrary_AndIsRemovedCleanly()
    {
        using var client = library.Factory.CreateWriteClient();
        var (a, b) = (library.IdA, library.IdB);

        using var trained = await client.PostAsJsonAsync(new Uri("/api/concepts", UriKind.Relative), new
        {
            name = "Colour Bars",
            positives = new[] { a + ":1", b + ":0" },
            negatives = new[] { a + ":0", a + ":2", b + ":1", b + ":2" },
            description = "SMPTE colour bars test pattern",
        });

        Assert.True(trained.StatusCode == HttpStatusCode.Created, await trained.Content.ReadAsStringAsync());
        Assert.Equal("/api/concepts/user%3Acolour_bars", trained.Headers.Location?.OriginalString);
        var concept = await trained.ReadJsonAsync();
        Assert.Equal(("user:colour_bars", "colour_bars", "SMPTE colour bars test pattern"), (concept.Str("id"), concept.Str("name"), concept.Str("description")));
        Assert.Equal((2, 4, 2), (concept.Int("positiveShots"), concept.Int("negativeShots"), concept.Int("videosScored")));
        Assert.Equal(2.0 / 6, concept.Num("chanceAp"), 6);
        Assert.InRange(concept.Num("crossValidatedAp"), 0, 1);

        var listed = Assert.Single((await ApiVideoTests.GetJsonAsync(client, "/api/concepts?trained=true")).Items());
        Assert.Equal(("user:colour_bars", "user", "trained"), (listed.Str("id"), listed.Str("detector"), listed.Str("kind")));
        Assert.Equal(concept.Num("crossValidatedAp"), listed.Num("crossValidatedAp"));
        var one = await ApiVideoTests.GetJsonAsync(client, "/api/concepts/user:colour_bars");
        Assert.Equal(("colour bars", 2, 4), (one.Str("name"), one.Int("positiveShots"), one.Int("negativeShots")));

        // Every video is scored with it, the bars shot of each clip above its other shots.
        foreach (var (id, bars) in new[] { (a, 1), (b, 0) })
        {
            var shots = (await ApiVideoTests.GetJsonAsync(client, "/api/videos/" + id)).GetProperty("shots").Items();
            double Score(int shot) => shots[shot].GetProperty("concepts").Items().Where(c => c.Str("concept") == "user:colour_bars").Select(c => c.Num("score")).DefaultIfEmpty(0).Single();
            Assert.All(Enumerable.Range(0, shots.Count).Where(s => s != bars), s => Assert.True(Score(bars) > Score(s), $"video {id}: bars shot {Score(bars)}, shot {s} {Score(s)}"));
        }

        using var removed = await client.DeleteAsync(new Uri("/api/concepts/user:colour_bars", UriKind.Relative));
        using var again = await client.DeleteAsync(new Uri("/api/concepts/user:colour_bars", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Contains("user:colour_bars", (await ApiVideoTests.AssertProblemAsync(again, HttpStatusCode.NotFound)).Str("detail"), StringComparison.Ordinal);
        Assert.Empty((await ApiVideoTests.GetJsonAsync(client, "/api/concepts?trained=true")).Items());
        var shotsAfter = (await ApiVideoTests.GetJsonAsync(client, "/api/videos/" + a)).GetProperty("shots").Items();
        Assert.DoesNotContain(shotsAfter, s => s.GetProperty("concepts").Items().Any(c => c.Str("concept") == "user:colour_bars"));
    }

    [Fact]
    public async Task TheBank_ListsBuiltInConcepts_ByDetector_AndTheyCannotBeRemoved()
    {
        using var client = library.Factory.CreateWriteClient();

        var speech = (await ApiVideoTests.GetJsonAsync(client, "/api/concepts?detector=speech")).Items();
        var concept = Assert.Single(speech);
        Assert.Equal(("speech", "builtin"), (concept.Str("detector"), concept.Str("kind")));
        Assert.Contains("talking", concept.GetProperty("synonyms").Items().Select(s => s.GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, concept.GetProperty("crossValidatedAp").ValueKind);
        var id = concept.Str("id");
        Assert.Equal(id, (await ApiVideoTests.GetJsonAsync(client, "/api/concepts/" + id)).Str("id"));

        using var builtIn = await client.DeleteAsync(new Uri("/api/concepts/" + id, UriKind.Relative));
        using var unknown = await client.GetAsync(new Uri("/api/concepts/coco:unicorn", UriKind.Relative));
        Assert.Contains("built in", (await ApiVideoTests.AssertProblemAsync(builtIn, HttpStatusCode.BadRequest)).Str("detail"), StringComparison.Ordinal);
        Assert.Contains("coco:unicorn", (await ApiVideoTests.AssertProblemAsync(unknown, HttpStatusCode.NotFound)).Str("detail"), StringComparison.Ordinal);
        Assert.Empty((await ApiVideoTests.GetJsonAsync(client, "/api/concepts?detector=nosuchdetector")).Items());
    }

    [Theory]
    [InlineData("bad name!", "A:0", "is not valid")]
    [InlineData("", "A:0", "name")]
    [InlineData("ghost", "ffffffffffff", "no video with id 'ffffffffffff'")]
    [InlineData("ghost", "A:99", "has no shot '99'")]
    [InlineData("lonely", "A:1", "too few examples")]
    [InlineData("clash", "A:0,A:1|A:1,B:2", "both a positive and a negative")]
    [InlineData("nothing", "", "positives")]
    public async Task BadExamples_Are400_NamingTheCause(string name, string examples, string cause)
    {
        string[] Ids(string list) => [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(e => e.Replace("A", library.IdA, StringComparison.Ordinal).Replace("B", library.IdB, StringComparison.Ordinal))];
        var parts = examples.Split('|');
        using var client = library.Factory.CreateWriteClient();

        using var response = await client.PostAsJsonAsync(new Uri("/api/concepts", UriKind.Relative), new
        {
            name,
            positives = Ids(parts[0]),
            negatives = parts.Length > 1 ? Ids(parts[1]) : [library.IdB + ":1"],
        });

        Assert.Contains(cause, (await ApiVideoTests.AssertProblemAsync(response, HttpStatusCode.BadRequest)).Str("detail"), StringComparison.Ordinal);
        Assert.Empty((await ApiVideoTests.GetJsonAsync(client, "/api/concepts?trained=true")).Items());
    }
}
