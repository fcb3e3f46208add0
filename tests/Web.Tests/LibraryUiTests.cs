using System.Globalization;
using Cbvr.Ingest.Catalog;
using Cbvr.Tests;
using Cbvr.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Playwright;

namespace Cbvr.Web.Tests;

/// <summary>
/// The library and concepts pages over a small analysed library of generated clips: a phone-wide layout without horizontal
/// scrolling, and teaching a concept from two selected videos.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LibraryUiTests(ChromiumFixture chromium, LibraryUiTests.UiServer server) : BrowserTest<LibraryUiTests.UiServer>(chromium, server)
{
    [Fact]
    public Task LibraryAndSearch_At390PixelsWide_HaveNoHorizontalScrolling() => RunAsync(async browser =>
    {
        var page = browser.Page;
        await Server.EnsureLibraryAsync();
        await page.SetViewportSizeAsync(390, 844);

        await page.GotoAsync("/#/library");
        await Assertions.Expect(page.Locator("#library .video")).ToHaveCountAsync(Server.Clips.Count);
        await Assertions.Expect(page.Locator("#library-count")).ToHaveTextAsync($"{Server.Clips.Count} videos");
        await ScreenshotAsync(page, "ui-08-library-390");
        Assert.True(await ScrollWidthAsync(page) <= 390, $"the library is {await ScrollWidthAsync(page)} px wide at 390 px");

        await page.GotoAsync("/#/search");
        await page.Locator("#q").FillAsync("pattern");
        await page.Locator("#group").CheckAsync();
        await page.Locator("#q").PressAsync("Enter");
        await Assertions.Expect(page.Locator("#search-info")).ToContainTextAsync("searched", new() { Timeout = 60_000 });
        await ScreenshotAsync(page, "ui-09-search-390");
        Assert.True(await ScrollWidthAsync(page) <= 390, $"the search page is {await ScrollWidthAsync(page)} px wide at 390 px");

        await page.SetViewportSizeAsync(1280, 800);
        await page.GotoAsync("/#/library");
        await Assertions.Expect(page.Locator("#library .video")).ToHaveCountAsync(Server.Clips.Count);
        await ScreenshotAsync(page, "ui-10-library-1280");
        browser.AssertNoErrors();
    });

    [Fact]
    public Task ConceptsPage_TeachesAConceptFromTwoSelectedVideos_AndShowsItsAveragePrecision() => RunAsync(async browser =>
    {
        var page = browser.Page;
        await Server.EnsureLibraryAsync();
        await page.GotoAsync($"/?key={WebServer.ApiKey}#/concepts");
        await Assertions.Expect(page.Locator("#teach-videos input[type=checkbox]")).ToHaveCountAsync(Server.Clips.Count);
        await Assertions.Expect(page.Locator("#concept-count")).ToContainTextAsync("concepts");

        await page.Locator("#teach-name").FillAsync("colour_bars");
        await page.Locator("#teach-description").FillAsync("SMPTE colour bars");
        foreach (var clip in Server.Clips.Where(c => c.Contains("smptebars", StringComparison.Ordinal)))
        {
            await page.Locator("#teach-videos label").Filter(new() { HasText = Path.GetFileName(clip) }).Locator("input").CheckAsync();
        }

        await page.Locator("#teach-submit").ClickAsync();
        var result = page.Locator("#teach-result");
        await Assertions.Expect(result).ToContainTextAsync("cross-validated AP", new() { Timeout = 60_000 });
        var ap = double.Parse(await result.GetAttributeAsync("data-ap") ?? "", CultureInfo.InvariantCulture);
        Assert.InRange(ap, 0, 1);
        var id = await result.GetAttributeAsync("data-concept-id");
        var row = page.Locator($"#concept-rows tr[data-concept-id='{id}']");
        await Assertions.Expect(row).ToContainTextAsync("AP ");
        await ScreenshotAsync(page, "ui-11-concept-trained");

        await row.Locator("button.danger").ClickAsync();
        await page.Locator("#confirm-yes").ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);
        browser.AssertNoErrors();
    });

    private static Task<int> ScrollWidthAsync(IPage page) => page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth");

    /// <summary>The real server with fast analysis, over four generated clips (two of them colour bars).</summary>
    public sealed class UiServer : AnalysingWebServer
    {
        private readonly SemaphoreSlim _gate = new(1, 1);

        /// <summary>The clips in the library once <see cref="EnsureLibraryAsync"/> ran.</summary>
        public List<string> Clips { get; } = [];

        /// <summary>Generates and ingests the clips once.</summary>
        public async Task EnsureLibraryAsync()
        {
            await _gate.WaitAsync();
            try
            {
                if (Clips.Count > 0)
                {
                    return;
                }

                string[] clips =
                [
                    await TestMedia.PatternClipAsync(2, audio: false, pattern: "smptebars"),
                    await TestMedia.PatternClipAsync(3, audio: false, pattern: "smptebars"),
                    await TestMedia.PatternClipAsync(2, audio: false, pattern: "testsrc"),
                    await TestMedia.PatternClipAsync(2, audio: false, pattern: "rgbtestsrc"),
                ];
                foreach (var clip in clips)
                {
                    var job = await IngestAsync(clip);
                    Assert.True(job.Status == JobStatus.Succeeded, $"ingest of {clip} ended {job.Status}: {job.Error}");
                }

                Clips.AddRange(clips);
            }
            finally
            {
                _gate.Release();
            }
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(UiSettings.FastAnalysis));
        }

        public override async ValueTask DisposeAsync()
        {
            _gate.Dispose();
            await base.DisposeAsync();
        }
    }
}
