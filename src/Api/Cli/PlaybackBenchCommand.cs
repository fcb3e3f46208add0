using System.CommandLine;
using System.Globalization;
using Cbvr.Ingest.Bench;
using Cbvr.Ingest.Catalog;

namespace Cbvr.Api.Cli;

/// <summary>
/// <c>cbvr bench playback</c>: how long the browser-playable copy of each video that needs one takes (the library's videos, or
/// the files given), made into a scratch folder by the server's own rendition code, against plain ffmpeg decoding the same
/// file. Exits 1 when a copy could not be made.
/// </summary>
public static class PlaybackBenchCommand
{
    public static Command Create(Func<ParseResult, GlobalOptions> global)
    {
        var files = new Argument<string[]>("files") { Arity = ArgumentArity.ZeroOrMore, Description = "Video files (default: the library's videos)" };
        var json = CbvrCommandLine.Json();
        var command = new Command("playback", "Browser-playable copies (H.264/AAC MP4) of the videos browsers cannot play: seconds, real-time factor, against plain ffmpeg decoding");
        command.Arguments.Add(files);
        command.Options.Add(json);
        command.SetAction((r, ct) => RunAsync(global(r), r.GetValue(files) ?? [], r.GetValue(json), ct));
        return command;
    }

    private static async Task<int> RunAsync(GlobalOptions global, string[] files, bool json, CancellationToken cancellationToken)
    {
        using var host = CliHost.Build(global);
        var services = host.Services;
        var benchmark = ActivatorUtilities.CreateInstance<PlaybackBenchmark>(services);
        var missing = 0;
        var source = files.Length > 0 ? "files" : services.GetRequiredService<Cbvr.Ingest.DataDirectory>().Root;
        var inputs = files.Length > 0
            ? await benchmark.FromFilesAsync(files, cancellationToken).ConfigureAwait(false)
            : PlaybackBenchmark.FromLibrary(services.GetRequiredService<VideoCatalog>(), out missing);
        if (inputs.Count == 0)
        {
            await Console.Error.WriteLineAsync($"error: no videos to measure ({(missing > 0 ? $"the source files of all {missing} videos are gone" : "the library is empty")}; give FILES or --data DIR)").ConfigureAwait(false);
            return 1;
        }

        var inv = CultureInfo.InvariantCulture;
        var report = await benchmark.RunAsync(
            inputs,
            c => Console.Error.WriteLine(string.Create(inv, $"bench playback: {c.Name}: {c.DurationSeconds:0.0} s of video copied in {c.TranscodeSeconds:0.00} s, decoded in {c.FloorSeconds:0.00} s")),
            cancellationToken).ConfigureAwait(false);
        if (json)
        {
            Output.WriteJson(new { source, missing, report });
        }
        else
        {
            Print(source, missing, report);
        }

        foreach (var f in report.Failed)
        {
            await Console.Error.WriteLineAsync($"error: {f.File}: {f.Error}").ConfigureAwait(false);
        }

        return report.Failed.Count == 0 ? 0 : 1;
    }

    private static void Print(string source, int missing, PlaybackBenchReport r)
    {
        var inv = CultureInfo.InvariantCulture;
        var o = Console.Out;
        o.WriteLine(string.Create(inv, $"cbvr bench playback: {source}: {r.Videos} videos, {r.Clips.Count + r.Failed.Count} need a browser-playable copy, {r.PlayableAsIs.Count} play as they are{(missing > 0 ? $", {missing} with no source file (skipped)" : "")}; {r.Cores} cores"));
        o.WriteLine("copy: x264 veryfast CRF 23, short side <= 720, AAC 128k, one at a time; floor: plain ffmpeg decoding the same streams to the null muxer");
        o.WriteLine();
        var rows = r.Clips.Select(c => (IReadOnlyList<string>)
        [
            c.Name, c.Container.Split(',')[0] + " " + c.VideoCodec + (c.AudioCodec is { } a ? "/" + a : ""), string.Create(inv, $"{c.Width}x{c.Height}"),
            F(c.DurationSeconds, "0.0"), F(c.TranscodeSeconds, "0.00"), F(c.RealTimeFactor, "0.0"), F(c.FloorSeconds, "0.00"), F(c.Ratio, "0.0"), Mb(c.BytesIn, c.BytesOut),
        ]).ToList();
        rows.Add(["TOTAL", "", "", F(r.DurationSeconds, "0.0"), F(r.TranscodeSeconds, "0.00"), F(r.RealTimeFactor, "0.0"), F(r.FloorSeconds, "0.00"), F(r.Ratio, "0.0"), Mb(r.BytesIn, r.BytesOut)]);
        Output.WriteTable(["CLIP", "CODEC", "SIZE", "VIDEO S", "COPY S", "X REAL TIME", "FLOOR S", "COPY/FLOOR", "MB IN -> OUT"], rows);
        o.WriteLine();
        o.WriteLine(string.Create(inv, $"copies: {r.RealTimeFactor:0.0}x real time ({r.DurationSeconds:0.0} s of video in {r.TranscodeSeconds:0.0} s); plain decoding: {(r.FloorSeconds > 0 ? r.DurationSeconds / r.FloorSeconds : 0):0.0}x; copy/floor {r.Ratio:0.0}"));
        o.WriteLine($"play as they are ({r.PlayableAsIs.Count}): {(r.PlayableAsIs.Count > 0 ? string.Join(", ", r.PlayableAsIs) : "none")}");
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Mb(long bytesIn, long bytesOut) => string.Create(CultureInfo.InvariantCulture, $"{bytesIn / 1e6:0.00} -> {bytesOut / 1e6:0.00}");
}
