using System.CommandLine;
using System.Globalization;
using Cbvr.Search.Queries;
using Cbvr.Search.Shots;

namespace Cbvr.Api.Cli;

/// <summary>
/// <c>cbvr med avs</c>: a shot-level ad-hoc search run (TRECVID AVS style) for a topics file, written as a TREC run file
/// (<c>TOPIC 0 SHOTID RANK SCORE RUNID</c>, shot ids <c>shot&lt;video&gt;_&lt;shot index + 1&gt;</c>).
/// </summary>
public static class MedAvsCommand
{
    public static Command Create(Func<ParseResult, GlobalOptions> global)
    {
        var topics = new Option<string>("--topics", "--queries") { Description = "Topics: TSV lines TOPIC<TAB>TEXT, or a TRECVID topic XML file (<videoAdhocSearchTopic num=..><textDescription text=../>)", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "TREC run file to write", Required = true };
        var limit = new Option<int>("--limit", "-n") { Description = "Shots per topic (1 to 1000)", DefaultValueFactory = _ => TrecRun.MaxShotsPerTopic };
        var runId = new Option<string>("--run-id") { Description = "Run tag, the run file's last column", DefaultValueFactory = _ => "CBVR_AVS" };
        var ids = new Option<string?>("--ids") { Description = "VIDEO_ID<TAB>CLIP_ID lines: name shots by the kit's clip ids instead of library video ids" };
        var json = CbvrCommandLine.Json();
        var command = new Command("avs", "Shot-level ad-hoc video search for each topic of a file; writes a TREC run (top shots per topic) and prints each topic's top 5");
        foreach (var option in new Option[] { topics, output, limit, runId, ids, json })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (r, ct) =>
        {
            IReadOnlyList<AvsTopic> list;
            IReadOnlyDictionary<string, string> clipIds;
            try
            {
                list = AvsTopics.Read(r.GetValue(topics)!);
                clipIds = r.GetValue(ids) is { } map ? TrecRun.ReadIdMap(map) : new Dictionary<string, string>();
                if (r.GetValue(limit) is < 1 or > TrecRun.MaxShotsPerTopic || string.IsNullOrEmpty(r.GetValue(runId)) || r.GetValue(runId)!.Any(char.IsWhiteSpace))
                {
                    throw new InvalidDataException($"--limit must be 1 to {TrecRun.MaxShotsPerTopic} and --run-id one word");
                }
            }
            catch (InvalidDataException e)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
                return 2;
            }

            using var host = await CliHost.BuildForAnalysisAsync(global(r), ct).ConfigureAwait(false);
            var search = host.Services.GetRequiredService<ShotSearch>();
            var results = new List<(AvsTopic Topic, ShotSearchResult Result)>();
            try
            {
                foreach (var topic in list)
                {
                    results.Add((topic, search.Search(topic.Text, r.GetValue(limit), ct)));
                }
            }
            catch (SearchException e)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
                return 2;
            }

            string ShotId(ShotHit h) => TrecRun.ShotId(clipIds.GetValueOrDefault(h.VideoId, h.VideoId), h.ShotIndex);
            TrecRun.Write(r.GetValue(output)!, r.GetValue(runId)!, results.Select(x => (x.Topic.Id, (IReadOnlyList<(string, float)>)[.. x.Result.Shots.Select(h => (ShotId(h), h.Score))])));
            if (r.GetValue(json))
            {
                Output.WriteJson(new
                {
                    Run = Path.GetFullPath(r.GetValue(output)!),
                    Topics = results.Select(x => new { x.Topic.Id, x.Topic.Text, x.Result.Query.Concepts, x.Result.CandidateVideos, x.Result.ShotsScored, x.Result.Milliseconds, Shots = x.Result.Shots.Select(h => new { ShotId = ShotId(h), Hit = h }) }),
                });
                return 0;
            }

            foreach (var (topic, result) in results)
            {
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"topic {topic.Id}: {topic.Text} ({result.Shots.Count} shots of {result.ShotsScored} scored in {result.CandidateVideos} videos, {result.Milliseconds} ms)"));
                Output.WriteTable(
                    ["#", "SCORE", "SHOT", "FILE", "TIME", "EVIDENCE"],
                    result.Shots.Take(5).Select(h => (IReadOnlyList<string>)[
                        h.Rank.ToString(CultureInfo.InvariantCulture), Output.Number(h.Score, "0.000"), ShotId(h), h.FileName,
                        $"{Output.Duration(h.StartSeconds)}-{Output.Duration(h.EndSeconds)}", Evidence(h)]));
            }

            Console.Out.WriteLine($"run written to {Path.GetFullPath(r.GetValue(output)!)}");
            return 0;
        });
        return command;
    }

    private static string Evidence(ShotHit hit) => string.Join("; ", hit.Concepts.Take(3).Select(c => $"{c.Name} {Output.Number(c.Score)}")
        .Concat(hit.Texts.Take(1).Select(t => $"{t.Field} \"{t.Text}\"")));
}
