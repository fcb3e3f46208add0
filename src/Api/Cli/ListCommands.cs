using System.CommandLine;
using Cbvr.Ingest.Catalog;

namespace Cbvr.Api.Cli;

/// <summary><c>cbvr videos [ID]</c> and <c>cbvr jobs</c>: what the library holds and what ingest did.</summary>
public static class ListCommands
{
    public static Command Videos(Func<ParseResult, GlobalOptions> global)
    {
        var id = new Argument<string?>("id") { Arity = ArgumentArity.ZeroOrOne, Description = "A video id (or a unique prefix) to show with its shots" };
        var json = CbvrCommandLine.Json();
        var sort = new Option<string>("--sort") { Description = "ingested | name | duration", DefaultValueFactory = _ => "ingested" };
        var command = new Command("videos", "List the videos in the library, or show one");
        command.Arguments.Add(id);
        command.Options.Add(json);
        command.Options.Add(sort);
        command.SetAction(r =>
        {
            using var host = CliHost.Build(global(r));
            var catalog = host.Services.GetRequiredService<VideoCatalog>();
            var analysis = host.Services.GetRequiredService<AnalysisDto>();
            return r.GetValue(id) is { } wanted ? ShowVideo(catalog, analysis, wanted, r.GetValue(json)) : ListVideos(catalog, analysis, r.GetValue(sort)!, r.GetValue(json));
        });
        return command;
    }

    public static Command Jobs(Func<ParseResult, GlobalOptions> global)
    {
        var json = CbvrCommandLine.Json();
        var failed = new Option<bool>("--failed") { Description = "Only failed jobs" };
        var limit = new Option<int>("--limit") { Description = "Most recent N jobs", DefaultValueFactory = _ => 50 };
        var command = new Command("jobs", "List recent ingest jobs with status, progress and errors");
        command.Options.Add(json);
        command.Options.Add(failed);
        command.Options.Add(limit);
        command.SetAction(r =>
        {
            using var host = CliHost.Build(global(r));
            var jobs = host.Services.GetRequiredService<JobStore>().List(r.GetValue(limit), r.GetValue(failed) ? JobStatus.Failed : null);
            if (r.GetValue(json))
            {
                Output.WriteJson(jobs.Select(Dto.From));
                return 0;
            }

            Output.WriteTable(
                ["JOB", "STATUS", "PROGRESS", "VIDEO", "PATH", "ERROR"],
                jobs.Select(j => (IReadOnlyList<string>)[
                    j.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), j.Status.ToString().ToLowerInvariant(),
                    Output.Number(Dto.From(j).Progress * 100, "0") + "%", j.VideoId?[..8] ?? "-", j.Path, j.Error ?? ""]));
            return 0;
        });
        return command;
    }

    private static int ListVideos(VideoCatalog catalog, AnalysisDto analysis, string sort, bool json)
    {
        var videos = catalog.List(sort: sort, ascending: sort == "name").Select(v => Dto.From(v) with { Analysis = analysis.ForVideo(v.Id, json ? 10 : 3) }).ToList();
        if (json)
        {
            Output.WriteJson(videos);
            return 0;
        }

        Output.WriteTable(
            ["ID", "DURATION", "SHOTS", "SIZE", "CODEC", "FILE", "TOP CONCEPTS"],
            videos.Select(v => (IReadOnlyList<string>)[
                v.Id[..12], Output.Duration(v.DurationSeconds), v.ShotCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"{v.Width}x{v.Height}", v.VideoCodec + (v.AudioCodec is null ? "" : "+" + v.AudioCodec), v.FileName,
                string.Join(", ", v.Analysis!.TopConcepts.Select(c => $"{c.Concept} {c.Score:0.00}"))]));
        return 0;
    }

    private static int ShowVideo(VideoCatalog catalog, AnalysisDto analysis, string wanted, bool json)
    {
        var video = catalog.FindByPrefix(wanted);
        if (video is null)
        {
            Console.Error.WriteLine($"error: no video with id '{wanted}'");
            return 1;
        }

        var detail = analysis.Detail(video, catalog.Locations(video.Id), catalog.Shots(video.Id));
        if (json)
        {
            Output.WriteJson(detail);
            return 0;
        }

        Console.Out.WriteLine($"{video.Id}  {video.FileName}  {Output.Duration(video.DurationSeconds)}  {video.Width}x{video.Height}  {video.ShotCount} shots");
        foreach (var location in detail.Locations)
        {
            Console.Out.WriteLine("  at " + location);
        }

        var found = detail.Video.Analysis!;
        if (found.OcrText.Length > 0)
        {
            Console.Out.WriteLine("  on screen: " + found.OcrText);
        }

        if (found.Transcript.Length > 0)
        {
            Console.Out.WriteLine("  spoken: " + found.Transcript);
        }

        foreach (var failed in found.Steps.Where(s => s.Status != "ok"))
        {
            Console.Out.WriteLine($"  {failed.Step}: {failed.Status} {failed.Error}");
        }

        Output.WriteTable(
            ["SHOT", "START", "END", "TRANSITION", "KEYFRAME", "CONCEPTS", "TEXT"],
            detail.Shots.Select(s => (IReadOnlyList<string>)[
                s.Index.ToString(System.Globalization.CultureInfo.InvariantCulture), Output.Duration(s.StartSeconds), Output.Duration(s.EndSeconds),
                s.Transition, s.KeyframeSeconds is { } k ? Output.Duration(k) : "-",
                string.Join(", ", s.Concepts!.Take(3).Select(c => $"{c.Concept} {c.Score:0.00}")),
                string.Join(' ', s.Texts!.Select(t => t.Text)) is var text && text.Length > 60 ? text[..57] + "..." : text]));
        return 0;
    }
}
