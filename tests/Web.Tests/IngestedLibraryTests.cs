using System.Text.Json;
using Cbvr.Tests;
using Cbvr.Web.Tests.Support;

namespace Cbvr.Web.Tests;

/// <summary>A clip ingested through the server's own queue is what the browser sees through the API.</summary>
[Collection(BrowserCollection.Name)]
public sealed class IngestedLibraryTests(ChromiumFixture chromium, WebServer server) : BrowserTest<WebServer>(chromium, server)
{
    [Fact]
    public Task IngestedClip_IsListed_AndItsKeyframeLoadsInThePage() => RunAsync(async browser =>
    {
        var job = await Server.IngestSucceededAsync(await TestMedia.PatternClipAsync(3));

        var list = await browser.Page.APIRequest.GetAsync("/api/videos");
        using var json = JsonDocument.Parse(await list.TextAsync());
        var video = Assert.Single(json.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal(job.VideoId, video.GetProperty("id").GetString());

        await browser.Page.GotoAsync($"/api/videos/{job.VideoId}/shots/0/keyframe.jpg");
        var size = await browser.Page.EvaluateAsync<int[]>("() => { const i = document.querySelector('img'); return [i.naturalWidth, i.naturalHeight]; }");
        Assert.True(size[0] > 0 && size[1] > 0, $"the keyframe image did not decode in Chromium: {size[0]}x{size[1]}");
        browser.AssertNoErrors();
    });
}
