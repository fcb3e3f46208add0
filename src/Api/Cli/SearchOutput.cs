using System.Globalization;
using Cbvr.Search.Queries;

namespace Cbvr.Api.Cli;

/// <summary>The text form of a search response: the generated query, a table of hits, evidence and groups.</summary>
internal static class SearchOutput
{
    public static void Write(SearchResponse response, bool explain)
    {
        var o = Console.Out;
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{response.Kind} query over {response.Searched} videos, modalities: {string.Join(", ", response.Modalities)} ({response.TimingsMs.GetValueOrDefault("total")} ms)"));
        if (response.Query is { Concepts.Count: > 0 } query)
        {
            o.WriteLine("concepts: " + string.Join(", ", query.Concepts.Select(c => $"{c.Id} {Output.Number(c.Weight)} ({c.Match} '{c.Term}')")));
        }

        foreach (var note in response.Notes)
        {
            o.WriteLine("note: " + note);
        }

        if (response.Rerank is { Count: > 0 } rounds)
        {
            o.WriteLine("reranked: " + string.Join("; ", rounds.Select(r => $"round {r.Round}: {r.Positives} pseudo-positives, {r.Negatives} negatives, {r.TopChanged} of the top changed")));
        }

        Output.WriteTable(
            ["#", "SCORE", "VIDEO", "FILE", "BEST SHOT", "EVIDENCE"],
            response.Hits.Select(h => (IReadOnlyList<string>)[
                h.Rank.ToString(CultureInfo.InvariantCulture), Output.Number(h.Score, "0.000"), h.VideoId[..12], h.FileName,
                h.Evidence.Shot is { } s ? $"#{s.Index} {Output.Duration(s.StartSeconds)}-{Output.Duration(s.EndSeconds)}" : "",
                Summary(h.Evidence)]));
        if (explain)
        {
            foreach (var hit in response.Hits)
            {
                o.WriteLine();
                o.WriteLine($"#{hit.Rank} {hit.FileName} ({hit.VideoId})");
                foreach (var (name, score) in hit.Evidence.Modalities ?? new Dictionary<string, ModalityScore>())
                {
                    o.WriteLine($"  {name}: raw {Output.Number(score.Raw, "0.000")}, normalised {Output.Number(score.Normalized, "0.000")}, weight {Output.Number(score.Weight)}");
                }

                foreach (var c in hit.Evidence.Concepts)
                {
                    o.WriteLine($"  concept {c.Id}: {Output.Number(c.Value)} x weight {Output.Number(c.Weight)}" + (c.Shot is { } shot ? $", strongest in shot #{shot} at {Output.Duration(c.ShotStartSeconds ?? 0)}" : ""));
                }

                foreach (var s in hit.Evidence.Snippets)
                {
                    o.WriteLine($"  {s.Field}" + (s.StartSeconds is { } t ? $" at {Output.Duration(t)}" : "") + $": \"{s.Text}\"");
                }

                if (hit.Evidence.Shot is { } best)
                {
                    o.WriteLine($"  best shot #{best.Index} at {Output.Duration(best.StartSeconds)}: {best.Reason}");
                }
            }
        }

        if (response.Groups is { } groups)
        {
            o.WriteLine();
            foreach (var g in groups)
            {
                o.WriteLine($"group {g.Id} \"{g.Label}\": {string.Join(", ", g.VideoIds.Select(id => response.Hits.First(h => h.VideoId == id).Rank.ToString(CultureInfo.InvariantCulture)))}");
            }
        }
    }

    private static string Summary(HitEvidence evidence)
    {
        var parts = evidence.Concepts.Take(2).Select(c => $"{c.Name} {Output.Number(c.Value)}").ToList();
        if (evidence.Snippets.FirstOrDefault() is { } s)
        {
            parts.Add($"{s.Field} \"{(s.Text.Length > 40 ? s.Text[..40] + "…" : s.Text)}\"");
        }

        return string.Join(", ", parts);
    }
}
