using Cbvr.Ingest.Shots;
using Cbvr.Tests;

namespace Cbvr.Ingest.Tests.Shots;

/// <summary>Shot boundaries on generated clips with hard cuts and transitions at known times, decoded by the real pipeline.</summary>
public sealed class ShotDetectionTests : IDisposable
{
    private const string Size = "size=320x240:rate=25";
    private readonly TestHost _host = new();

    public static TheoryData<string> Clips => ["mixed-a", "mixed-b", "noisy-c"];

    private static readonly Dictionary<string, (string, double)[]> Segments = new()
    {
        ["mixed-a"] =
        [
            ($"testsrc={Size}", 3.3), ($"smptebars={Size}", 2.7), ($"mandelbrot={Size}", 4.1), ($"color=c=navy:{Size}", 2.2),
            ($"testsrc2={Size}", 3.6), ($"life={Size}:mold=10:ratio=0.5:death_color=#202020:life_color=#ff8000", 4.4),
            ($"rgbtestsrc={Size}", 2.9), ($"pal75bars={Size}", 3.1), ($"color=c=orange:{Size}", 2.4), ($"cellauto={Size}", 3.0),
        ],
        ["mixed-b"] =
        [
            ($"mandelbrot={Size}", 2.6), ($"testsrc={Size}", 3.8), ($"cellauto={Size}", 2.3), ($"smptebars={Size}", 3.4),
            ($"color=c=darkgreen:{Size}", 2.9), ($"testsrc2={Size}", 2.1), ($"yuvtestsrc={Size}", 3.7), ($"life={Size}", 2.8),
            ($"color=c=maroon:{Size}", 3.3), ($"rgbtestsrc={Size}", 2.5), ($"smptehdbars={Size}", 3.0),
        ],
        ["noisy-c"] =
        [
            ($"testsrc2={Size}", 2.2), ($"color=c=navy:{Size},noise=alls=30:allf=t", 3.1), ($"smptebars={Size},noise=alls=20:allf=t", 2.4),
            ($"mandelbrot={Size}", 3.9), ($"color=c=olive:{Size},noise=alls=30:allf=t", 2.6), ($"testsrc={Size},noise=alls=20:allf=t", 3.2),
            ($"rgbtestsrc={Size}", 2.0),
        ],
    };

    /// <summary>At 2 fps a boundary is reported on the first sampled frame of the new shot: at most one sample late.</summary>
    private const double Tolerance = 0.5 + 0.04;

    [Fact]
    public async Task HardCuts_AcrossAllGeneratedClips_ReachPrecisionAndRecallOf95Percent()
    {
        int truePositives = 0, detected = 0, expected = 0;
        foreach (var name in Segments.Keys)
        {
            var (path, cuts) = await TestMedia.HardCutClipAsync(name, Segments[name]);
            var (analysis, _) = await _host.Get<ShotAnalyzer>().AnalyzeAsync(path, CancellationToken.None);
            var found = analysis.Shots.Skip(1).Select(s => s.StartSeconds).ToList();
            truePositives += Match(cuts, found);
            detected += found.Count;
            expected += cuts.Count;
        }

        var precision = (double)truePositives / detected;
        var recall = (double)truePositives / expected;
        Assert.True(precision >= 0.95 && recall >= 0.95, $"precision {precision:0.000}, recall {recall:0.000} ({truePositives} matched of {expected} cuts, {detected} detected)");
    }

    [Theory]
    [MemberData(nameof(Clips))]
    public async Task HardCuts_EachClip_FindsEveryCutWithinOneSample(string name)
    {
        var (path, cuts) = await TestMedia.HardCutClipAsync(name, Segments[name]);

        var (analysis, _) = await _host.Get<ShotAnalyzer>().AnalyzeAsync(path, CancellationToken.None);

        var found = analysis.Shots.Skip(1).Select(s => s.StartSeconds).ToList();
        Assert.True(Match(cuts, found) >= cuts.Count - 1, $"cuts {string.Join(", ", cuts)}; found {string.Join(", ", found)}");
        Assert.All(analysis.Shots.Skip(1), s => Assert.Equal(TransitionKind.Cut, s.Transition));
    }

    [Theory]
    [InlineData("mandelbrot")]
    [InlineData("life=size=320x240:rate=25:mold=10:ratio=0.3")]
    [InlineData("testsrc")]
    public async Task ContinuousMotion_WithoutCuts_IsOneShot(string source)
    {
        var (path, _) = await TestMedia.HardCutClipAsync("motion-" + source.Split('=')[0], [(source.Contains('=') ? source : $"{source}={Size}", 12)]);

        var (analysis, _) = await _host.Get<ShotAnalyzer>().AnalyzeAsync(path, CancellationToken.None);

        Assert.Single(analysis.Shots);
    }

    [Theory]
    [InlineData("fade")]
    [InlineData("fadeblack")]
    [InlineData("wipeleft")]
    public async Task Transition_OverOneAndAHalfSeconds_IsOneBoundaryInsideIt(string transition)
    {
        var path = await TestMedia.CachedAsync($"xfade-{transition}.mp4", file => TestMedia.FfmpegAsync(
            "-f", "lavfi", "-t", "5", "-i", $"testsrc={Size}",
            "-f", "lavfi", "-t", "5", "-i", $"mandelbrot={Size}",
            "-filter_complex", $"[0][1]xfade=transition={transition}:duration=1.5:offset=3,format=yuv420p[v]",
            "-map", "[v]", "-c:v", "libx264", "-preset", "ultrafast", file));

        var (analysis, _) = await _host.Get<ShotAnalyzer>().AnalyzeAsync(path, CancellationToken.None);

        Assert.Equal(2, analysis.Shots.Count);
        Assert.InRange(analysis.Shots[1].StartSeconds, 3.0 - Tolerance, 4.5 + Tolerance);
    }

    [Fact]
    public async Task Keyframes_OnePerShot_LieInsideTheirShot()
    {
        var (path, _) = await TestMedia.HardCutClipAsync("mixed-a", Segments["mixed-a"]);

        var (analysis, keyframes) = await _host.Get<ShotAnalyzer>().AnalyzeAsync(path, CancellationToken.None);

        Assert.All(analysis.Shots, s =>
        {
            Assert.InRange(s.KeyframeSeconds!.Value, s.StartSeconds, s.EndSeconds);
            Assert.Equal(0xFF, keyframes[s.Index][0]);
            Assert.Equal(0xD8, keyframes[s.Index][1]);
        });
    }

    public void Dispose() => _host.Dispose();

    /// <summary>Greedy one-to-one matching of detected to true cut times within the tolerance.</summary>
    private static int Match(IReadOnlyList<double> truth, IReadOnlyList<double> found)
    {
        var used = new bool[found.Count];
        var matched = 0;
        foreach (var t in truth)
        {
            var best = -1;
            for (var i = 0; i < found.Count; i++)
            {
                if (!used[i] && Math.Abs(found[i] - t) <= Tolerance && (best < 0 || Math.Abs(found[i] - t) < Math.Abs(found[best] - t)))
                {
                    best = i;
                }
            }

            if (best >= 0)
            {
                used[best] = true;
                matched++;
            }
        }

        return matched;
    }
}
