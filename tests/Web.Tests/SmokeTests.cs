using System.Text.Json;
using Cbvr.Web.Tests.Support;

namespace Cbvr.Web.Tests;

/// <summary>The browser set-up itself: Chromium loads the real server's page and talks to its API.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SmokeTests(ChromiumFixture chromium, WebServer server) : BrowserTest<WebServer>(chromium, server)
{
    [Fact]
    public Task RootPage_LoadsInChromium_WithATitleAndNoConsoleErrors() => RunAsync(async browser =>
    {
        var response = await browser.Page.GotoAsync("/");
        await browser.Page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);

        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        Assert.Equal(BaseUrl + "/", browser.Page.Url);
        Assert.Contains("Cbvr", await browser.Page.TitleAsync(), StringComparison.Ordinal);
        var screenshot = await ScreenshotAsync(browser.Page, "smoke-root");
        Assert.True(new FileInfo(screenshot).Length > 1000, $"screenshot {screenshot} is (nearly) empty");
        browser.AssertNoErrors();
    });

    [Fact]
    public Task ApiRequest_FromThePage_ListsTheEmptyLibrary() => RunAsync(async browser =>
    {
        var response = await browser.Page.APIRequest.GetAsync("/api/videos");

        Assert.Equal(200, response.Status);
        using var json = JsonDocument.Parse(await response.TextAsync());
        Assert.Equal(0, json.RootElement.GetProperty("total").GetInt32());
        Assert.Empty(json.RootElement.GetProperty("items").EnumerateArray());
    });

    [Fact]
    public Task BrowserPage_RecordsAFailedRequest_SoTestsCanAssertNone() => RunAsync(async browser =>
    {
        await browser.Page.GotoAsync("/");
        await browser.Page.EvaluateAsync("() => fetch('/api/videos/no-such-video')");

        Assert.Contains(browser.FailedRequests, r => r.Contains("/api/videos/no-such-video", StringComparison.Ordinal) && r.Contains("404", StringComparison.Ordinal));
        Assert.Throws<Xunit.Sdk.TrueException>(browser.AssertNoErrors);
    });

    [Fact]
    public async Task RunAsync_WhenTheTestFails_SavesAScreenshotAndRethrows()
    {
        var expected = Path.Combine(Screenshots.Directory, $"FAILED.{nameof(SmokeTests)}.{nameof(RunAsync_WhenTheTestFails_SavesAScreenshotAndRethrows)}.png");
        if (File.Exists(expected))
        {
            File.Delete(expected);
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync(async browser =>
        {
            await browser.Page.GotoAsync("/");
            throw new InvalidOperationException("deliberate failure");
        }));

        Assert.Equal("deliberate failure", error.Message);
        Assert.True(File.Exists(expected), $"no failure screenshot at {expected}");
        File.Delete(expected); // not a real failure: keep the folder for real ones
    }
}
