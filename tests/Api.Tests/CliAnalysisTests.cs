using System.Text.Json;

namespace Cbvr.Api.Tests;

/// <summary>
/// Content analysis through the real CLI: what <c>cbvr ingest</c> found in the dog, text and speech clips as
/// <c>cbvr videos</c> shows it, <c>cbvr reextract</c> and <c>cbvr concepts</c> on that library.
/// </summary>
public sealed class CliAnalysisTests(AnalysedCliLibrary library) : IClassFixture<AnalysedCliLibrary>
{
    [Fact]
    public void Ingest_EveryVideoHasTopConceptsAndEveryStepOk()
    {
        Assert.Equal(3, library.Videos.Count);
        foreach (var video in library.Videos)
        {
            var analysis = video.GetProperty("analysis");
            Assert.True(analysis.GetProperty("topConcepts").Items().Count > 0, "no top concepts: " + video);
            var steps = analysis.GetProperty("steps").Items();
            foreach (var step in new[] { "visual", "resnet18", "mfcc", "faces", "ocr", "speech", "asr" })
            {
                Assert.True(steps.Any(s => s.Str("step") == step), $"{video.Str("fileName")} has no {step} step: {analysis}");
            }

            Assert.All(steps, s => Assert.True(s.Str("status") == "ok", $"{video.Str("fileName")}: {s}"));
        }
    }

    [Fact]
    public void Ingest_TheDogClip_HasCocoDog()
    {
        var concepts = Concepts(library.Video(library.DogPath).GetProperty("analysis"));

        Assert.Contains("coco:dog", concepts);
    }

    [Fact]
    public void Ingest_TheTextClip_HasItsWordsAsOcrText()
    {
        var ocr = library.Video(library.TextPath).GetProperty("analysis").Str("ocrText");

        Assert.True(AnalysisClips.ContainsText(ocr, AnalysisClips.OnScreenText), $"ocrText '{ocr}' lacks '{AnalysisClips.OnScreenText}'");
    }

    [Fact]
    public void Ingest_TheSpeechClip_HasTheSpokenWordInItsTranscript()
    {
        var analysis = library.Video(library.SpeechPath).GetProperty("analysis");

        Assert.Contains("elephant", analysis.Str("transcript"), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("speech:speech", Concepts(analysis));
        Assert.Equal("", library.Video(library.TextPath).GetProperty("analysis").Str("transcript"));
    }

    [Fact]
    public async Task VideosTable_ShowsTopConcepts_AndOneVideoShowsShotConceptsAndText()
    {
        var list = await library.RunAsync("videos");
        Assert.True(list.ExitCode == 0, list.ToString());
        var lines = Lines(list.StandardOutput);
        Assert.EndsWith("TOP CONCEPTS", lines[0], StringComparison.Ordinal);
        Assert.Contains("coco:dog", Assert.Single(lines, l => l.Contains(Path.GetFileName(library.DogPath), StringComparison.Ordinal)), StringComparison.Ordinal);

        var dog = await library.RunAsync("videos", library.Video(library.DogPath).Str("id")[..10]);
        Assert.True(dog.ExitCode == 0, dog.ToString());
        var header = Assert.Single(Lines(dog.StandardOutput), l => l.StartsWith("SHOT", StringComparison.Ordinal));
        Assert.Contains("CONCEPTS", header, StringComparison.Ordinal);
        Assert.Contains("coco:dog", dog.StandardOutput, StringComparison.Ordinal);

        var text = await library.RunAsync("videos", library.Video(library.TextPath).Str("id"));
        Assert.True(text.ExitCode == 0, text.ToString());
        var onScreen = Assert.Single(Lines(text.StandardOutput), l => l.StartsWith("on screen: ", StringComparison.Ordinal));
        Assert.True(AnalysisClips.ContainsText(onScreen, AnalysisClips.OnScreenText), onScreen);
    }

    [Fact]
    public async Task Reextract_ForcedResNet_RunsOnlyIt_ThenNothingIsStale_AndAnUnknownStepIsRefused()
    {
        var forced = await library.RunAsync("reextract", "--feature", "resnet18", "--force", "--json");
        Assert.True(forced.ExitCode == 0, forced.ToString());
        var outcomes = JsonHelpers.Parse(forced.StandardOutput).Items();
        Assert.Equal(library.Videos.Select(v => v.Str("id")).Order(StringComparer.Ordinal), outcomes.Select(o => o.Str("videoId")).Order(StringComparer.Ordinal));
        Assert.All(outcomes, o => Assert.Equal(["resnet18"], Strings(o.GetProperty("ran"))));
        Assert.All(outcomes, o => Assert.Empty(o.GetProperty("failed").Items()));

        // Nothing changed since: every step of every video is up to date (the text clip has no audio, so no MFCC blocks).
        var again = await library.RunAsync("reextract", "--json");
        Assert.True(again.ExitCode == 0, again.ToString());
        foreach (var outcome in JsonHelpers.Parse(again.StandardOutput).Items())
        {
            Assert.True(outcome.GetProperty("ran").Items().Count == 0, "ran again without a reason: " + outcome);
            Assert.Contains("resnet18", Strings(outcome.GetProperty("upToDate")));
            Assert.Contains("mfcc", Strings(outcome.GetProperty("upToDate")));
        }

        var unknown = await library.RunAsync("reextract", "--feature", "nonsense");
        Assert.True(unknown.ExitCode == 1, unknown.ToString());
        var error = Assert.Single(unknown.ErrorLines);
        Assert.Contains("nonsense", error, StringComparison.Ordinal);
        foreach (var step in new[] { "visual", "resnet18", "mfcc", "coco", "ocr", "asr" })
        {
            Assert.Contains(step, error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ConceptsList_Coco_HasTheEightyCocoClasses()
    {
        var list = await library.RunAsync("concepts", "list", "--detector", "coco", "--json");
        Assert.True(list.ExitCode == 0, list.ToString());
        var concepts = JsonHelpers.Parse(list.StandardOutput).Items();

        Assert.Equal(80, concepts.Count);
        Assert.All(concepts, c => Assert.Equal("coco", c.Str("detector")));
        Assert.Contains(concepts, c => c.Str("id") == "coco:dog" && c.Str("name") == "dog");
    }

    [Fact]
    public async Task ConceptsTrain_WithAnUnknownVideo_ExitsOneNamingIt()
    {
        var result = await library.RunAsync("concepts", "train", "x", "--positive", "deadbeef");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("deadbeef", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
    }

    private static List<string> Concepts(JsonElement analysis) => [.. analysis.GetProperty("topConcepts").Items().Select(c => c.Str("concept"))];

    private static List<string> Strings(JsonElement array) => [.. array.Items().Select(e => e.GetString()!)];

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
