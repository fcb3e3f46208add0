using System.Globalization;
using Cbvr.Tests;

namespace Cbvr.Api.Tests;

/// <summary>Ctrl-C (SIGINT) during <c>cbvr ingest</c>: a clean stop that records what happened.</summary>
public sealed class CliCancelTests
{
    [Fact]
    public async Task Ingest_InterruptedWithCtrlC_Exits130_LeavesNoVideo_AndReportsTheJobsAsCancelledWithTheirRealProgress()
    {
        using var scratch = new Scratch();
        var data = scratch["data"];
        var clip = await LongIngest.ClipAsync();
        var waiting = await TestMedia.PatternClipAsync(3);

        using var ingest = Cli.Start(["ingest", clip, waiting, "--data", data]);
        var jobId = await LongIngest.WaitUntilDecodingAsync(ingest, data);
        var signal = await Cli.RunProcessAsync("kill", "-INT", ingest.Id.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(0, signal);
        var exit = await ingest.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.True(exit == 130, $"exit code should be 130 after Ctrl-C, was {exit}: {ingest.StandardError}");
        Assert.Contains("cancelled", ingest.StandardError, StringComparison.Ordinal);
        Assert.Empty((await Cli.JsonAsync(data, "videos")).Items());
        Assert.Empty(Directory.GetDirectories(Path.Combine(data, "videos")));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(data, "staging")));
        var jobs = (await Cli.JsonAsync(data, "jobs")).Items();
        Assert.Equal(2, jobs.Count);
        Assert.All(jobs, j => Assert.Equal("cancelled", j.Str("status")));
        var interrupted = jobs.Single(j => j.GetProperty("id").GetInt64() == jobId);
        Assert.InRange(interrupted.Num("doneSeconds"), 0.1, LongIngest.ClipSeconds - 1);
        Assert.True(interrupted.Num("progress") < 1, $"a job cancelled at {interrupted.Num("doneSeconds")} of {interrupted.Num("totalSeconds")} s must not report 100% progress: {interrupted}");
    }
}
