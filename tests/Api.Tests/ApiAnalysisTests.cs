using System.Net;
using System.Text.Json;

namespace Cbvr.Api.Tests;

/// <summary>/api/videos with content analysis on: the analysis of each video, and concepts and texts per shot.</summary>
public sealed class ApiAnalysisTests(AnalysedApiLibrary library) : IClassFixture<AnalysedApiLibrary>
{
    [Fact]
    public async Task ListVideos_GivesEachVideoItsAnalysis()
    {
        var items = (await GetJsonAsync("/api/videos")).GetProperty("items").Items();

        Assert.Equal(2, items.Count);
        foreach (var video in items)
        {
            var analysis = video.GetProperty("analysis");
            var concepts = analysis.GetProperty("topConcepts").Items();
            Assert.InRange(concepts.Count, 1, 5);
            Assert.All(concepts, c => Assert.InRange(c.Num("score"), 0, 1));
            var steps = analysis.GetProperty("steps").Items();
            Assert.Contains(steps, s => s.Str("step") == "coco" || s.Str("step") == "resnet18");
            Assert.All(steps, s => Assert.True(s.Str("status") == "ok", s.ToString()));
        }

        var dog = Assert.Single(items, v => v.Str("id") == library.DogId).GetProperty("analysis");
        Assert.Contains(dog.GetProperty("topConcepts").Items(), c => c.Str("concept") == "coco:dog" && c.Str("name") == "dog");
        var text = Assert.Single(items, v => v.Str("id") == library.TextId).GetProperty("analysis");
        Assert.True(AnalysisClips.ContainsText(text.Str("ocrText"), AnalysisClips.OnScreenText), "ocrText: " + text.Str("ocrText"));
    }

    [Fact]
    public async Task GetVideo_TheTextClip_HasAnOcrTextAndConceptsOnItsShot()
    {
        var detail = await GetJsonAsync("/api/videos/" + library.TextId);

        var shot = Assert.Single(detail.GetProperty("shots").Items());
        var ocr = shot.GetProperty("texts").Items().Where(t => t.Str("source") == "ocr").ToList();
        Assert.True(ocr.Count > 0, "no OCR text on the shot: " + shot);
        Assert.True(AnalysisClips.ContainsText(string.Join(' ', ocr.Select(t => t.Str("text"))), AnalysisClips.OnScreenText), shot.ToString());
        Assert.All(ocr, t => Assert.Equal(0, t.Int("shot")));
        Assert.All(ocr, t => Assert.InRange(t.Num("confidence"), 0.5, 1));
        Assert.InRange(shot.GetProperty("concepts").Items().Count, 1, 5);
        Assert.True(AnalysisClips.ContainsText(detail.GetProperty("video").GetProperty("analysis").Str("ocrText"), AnalysisClips.OnScreenText));
    }

    [Fact]
    public async Task GetVideo_TheDogClip_HasCocoDogOnAShot()
    {
        var detail = await GetJsonAsync("/api/videos/" + library.DogId);

        var shots = detail.GetProperty("shots").Items();
        Assert.Contains(shots, s => s.GetProperty("concepts").Items().Any(c => c.Str("concept") == "coco:dog" && c.Num("score") >= 0.3));
    }

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        using var client = library.Factory.CreateClient();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }
}
