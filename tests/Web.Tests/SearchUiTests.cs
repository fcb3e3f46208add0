using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cbvr.Ingest.Catalog;
using Cbvr.Tests;
using Cbvr.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Playwright;

namespace Cbvr.Web.Tests;

/// <summary>
/// The web UI end to end, with content analysis on: ingest a clip through the page and watch its job finish, search, open the
/// player at the matched shot, more like this, relevance feedback; and the same search driven by the keyboard only.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SearchUiTests(ChromiumFixture chromium, SearchUiTests.UiServer server) : BrowserTest<SearchUiTests.UiServer>(chromium, server)
{
    private const string DogClip = "VID_20191220_170832.mp4";
    private const string BirdClip = "cockatoo.mp4";

    [Fact]
    public Task IngestThroughTheUi_ThenSearch_Play_MoreLikeThis_AndFeedback() => RunAsync(async browser =>
    {
        var page = browser.Page;
        await Server.EnsureIngestedAsync(Clip(BirdClip));
        await page.GotoAsync($"/?key={WebServer.ApiKey}#/library");
        Assert.DoesNotContain("key=", page.Url, StringComparison.Ordinal);
        Assert.Equal(WebServer.ApiKey, await page.EvaluateAsync<string>("() => localStorage.getItem('cbvr.apiKey')"));

        await page.Locator("#ingest-file").SetInputFilesAsync(Clip(DogClip));
        var job = page.Locator("#jobs .job").Filter(new() { HasText = DogClip });
        await Assertions.Expect(job).ToHaveAttributeAsync("data-status", new Regex("^(succeeded|failed|skipped|cancelled)$"), new() { Timeout = 120_000 });
        Assert.True(await job.GetAttributeAsync("data-status") == "succeeded", "the ingest job did not succeed: " + await job.InnerTextAsync());
        Assert.Equal(1.0, await job.Locator("progress").EvaluateAsync<double>("p => p.value"));
        await Assertions.Expect(page.Locator("#library .video").Filter(new() { HasText = DogClip })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "ui-01-ingested");

        await page.GotoAsync("/#/search");
        await page.Locator("#q").FillAsync("dog");
        await page.Locator("#q").PressAsync("Enter");
        var hit = page.Locator("#results .card").Filter(new() { HasText = DogClip });
        await Assertions.Expect(hit).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await hit.HoverAsync();
        await Assertions.Expect(hit.Locator(".evidence")).ToContainTextAsync("dog");
        await ScreenshotAsync(page, "ui-02-search-dog");

        var expectedStart = await MatchedShotStartAsync(page, "dog", await hit.GetAttributeAsync("data-video-id"));
        Assert.Equal(expectedStart, double.Parse(await hit.GetAttributeAsync("data-shot-start") ?? "", CultureInfo.InvariantCulture), 3);
        await hit.Locator("button.open").ClickAsync();
        await AssertPlayerAtAsync(page, expectedStart);
        await Assertions.Expect(page.Locator("#timeline .shot.matched")).ToHaveCountAsync(1);
        await ScreenshotAsync(page, "ui-03-player");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator("#player")).Not.ToBeVisibleAsync();

        await hit.Locator("button.similar").ClickAsync();
        await Assertions.Expect(page.Locator("#search-info")).ToContainTextAsync($"videos like {DogClip}", new() { Timeout = 60_000 });
        var similar = page.Locator("#results .card");
        await Assertions.Expect(similar.First).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("#results .card").Filter(new() { HasText = DogClip }).CountAsync());
        await ScreenshotAsync(page, "ui-04-more-like-this");

        var marked = await similar.First.GetAttributeAsync("data-video-id");
        await similar.First.Locator("button.up").ClickAsync();
        await Assertions.Expect(page.Locator("#results")).ToHaveAttributeAsync("data-feedback", "applied", new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#feedback-text")).ToContainTextAsync("1 relevant, 0 not relevant");
        await Assertions.Expect(page.Locator($"#results .card[data-video-id='{marked}'] button.up")).ToHaveAttributeAsync("aria-pressed", "true");
        await ScreenshotAsync(page, "ui-05-feedback");

        await page.Locator("#feedback-clear").ClickAsync();
        await Assertions.Expect(page.Locator("#results")).ToHaveAttributeAsync("data-feedback", "none", new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#feedback-bar")).Not.ToBeVisibleAsync();
        browser.AssertNoErrors();
    });

    [Fact]
    public Task KeyboardOnly_SearchOpenThePlayerAtTheMatchedShot_AndEscapeClosesIt() => RunAsync(async browser =>
    {
        var page = browser.Page;
        await Server.EnsureIngestedAsync(Clip(BirdClip));
        await page.GotoAsync("/");

        await TabUntilAsync(page, "document.activeElement.id === 'q'");
        await page.Keyboard.TypeAsync("cockatoo");
        await page.Keyboard.PressAsync("Enter");
        var hit = page.Locator("#results .card").Filter(new() { HasText = BirdClip });
        await Assertions.Expect(hit).ToBeVisibleAsync(new() { Timeout = 60_000 });

        await TabUntilAsync(page, "document.activeElement.classList.contains('open')");
        Assert.Equal(await hit.GetAttributeAsync("data-video-id"), await page.EvaluateAsync<string>("() => document.activeElement.closest('.card').dataset.videoId"));
        await Assertions.Expect(hit.Locator(".evidence")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "ui-06-keyboard-hit-focused");

        var expectedStart = await MatchedShotStartAsync(page, "cockatoo", await hit.GetAttributeAsync("data-video-id"));
        await page.Keyboard.PressAsync("Enter");
        await AssertPlayerAtAsync(page, expectedStart);
        await ScreenshotAsync(page, "ui-07-keyboard-player");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator("#player")).Not.ToBeVisibleAsync();
        browser.AssertNoErrors();
    });

    private static string Clip(string name) => TestMedia.DemoClip(name) ?? throw new InvalidOperationException($"demo clip {name} is missing (run the set-up)");

    /// <summary>The start of the matched shot of a video for a query, as the API reports it.</summary>
    private static async Task<double> MatchedShotStartAsync(IPage page, string query, string? videoId)
    {
        var response = await page.APIRequest.GetAsync($"/api/search?q={Uri.EscapeDataString(query)}&explain=true");
        using var json = JsonDocument.Parse(await response.TextAsync());
        var hit = json.RootElement.GetProperty("hits").EnumerateArray().Single(h => h.GetProperty("videoId").GetString() == videoId);
        return hit.GetProperty("evidence").GetProperty("shot").GetProperty("startSeconds").GetDouble();
    }

    /// <summary>The player is open, its video loaded, and it stands at <paramref name="start"/> (within 0.1 s).</summary>
    private static async Task AssertPlayerAtAsync(IPage page, double start)
    {
        await Assertions.Expect(page.Locator("#player")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#player-video")).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 30_000 });
        var position = await page.Locator("#player-video").EvaluateAsync<double>("v => v.currentTime");
        Assert.True(Math.Abs(position - start) <= 0.1, $"the player is at {position} s, the matched shot starts at {start} s");
    }

    private static async Task TabUntilAsync(IPage page, string condition)
    {
        for (var i = 0; i < 40; i++)
        {
            if (await page.EvaluateAsync<bool>($"() => {condition}"))
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"Tab never reached an element where {condition}");
    }

    /// <summary>The real server with the analysis that search needs (objects, ImageNet classes, visual features); the slow rest off.</summary>
    public sealed class UiServer : AnalysingWebServer
    {
        /// <summary>Ingests a clip through the queue unless it is in the library already.</summary>
        public async Task EnsureIngestedAsync(string path)
        {
            var job = await IngestAsync(path);
            Assert.True(job.Status is JobStatus.Succeeded or JobStatus.Skipped, $"ingest of {path} ended {job.Status}: {job.Error}");
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(UiSettings.FastAnalysis));
        }
    }
}
