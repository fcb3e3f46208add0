namespace Cbvr.Ingest.Tests;

public sealed class SmokeTests
{
    [Fact]
    public async Task PatternClip_IsGenerated()
    {
        var clip = await Cbvr.Tests.TestMedia.PatternClipAsync(1);
        Assert.True(new FileInfo(clip).Length > 1000);
    }
}
