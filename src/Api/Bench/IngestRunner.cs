using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Cbvr.Api.Bench;

/// <summary>
/// Uploads the clips through <c>POST /api/ingest</c> (multipart, with the API key) and follows each job with
/// <c>GET /api/jobs/{id}</c> until it ends or the time limit passes (then it is cancelled).
/// </summary>
public static class IngestRunner
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    private static readonly string[] Terminal = ["succeeded", "skipped", "failed", "cancelled"];

    /// <summary>One outcome per file; <see cref="IngestOutcome.StartSeconds"/> and wall time on <paramref name="clock"/>.</summary>
    public static async Task<IReadOnlyList<IngestOutcome>> RunAsync(HttpClient client, IReadOnlyList<string> files, Stopwatch clock, TimeSpan limit, CancellationToken cancellationToken)
    {
        var start = clock.Elapsed.TotalSeconds;
        using var form = new MultipartFormDataContent();
        foreach (var file in files)
        {
            var part = new StreamContent(File.OpenRead(file));
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "file", Path.GetFileName(file));
        }

        using var response = await client.PostAsync("/api/ingest", form, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var error = $"POST /api/ingest: {(int)response.StatusCode} {Shorten(body)}";
            return [.. files.Select(f => Outcome(f, null, "upload failed", start, clock, error))];
        }

        using var accepted = JsonDocument.Parse(body);
        var jobs = accepted.RootElement.GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("jobId").GetInt64()).ToList();
        var outcomes = await Task.WhenAll(files.Zip(jobs).Select(p => FollowAsync(client, p.First, p.Second, start, clock, limit, cancellationToken))).ConfigureAwait(false);
        return outcomes;
    }

    private static async Task<IngestOutcome> FollowAsync(HttpClient client, string file, long job, double start, Stopwatch clock, TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = start + limit.TotalSeconds;
        while (true)
        {
            using var document = JsonDocument.Parse(await client.GetStringAsync($"/api/jobs/{job}", cancellationToken).ConfigureAwait(false));
            var state = document.RootElement;
            var status = state.GetProperty("status").GetString() ?? "";
            if (Terminal.Contains(status, StringComparer.Ordinal))
            {
                return Outcome(file, job, status, start, clock, state.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null);
            }

            if (clock.Elapsed.TotalSeconds > deadline)
            {
                using var cancel = await client.DeleteAsync($"/api/jobs/{job}", cancellationToken).ConfigureAwait(false);
                return Outcome(file, job, status, start, clock, $"not finished within {limit.TotalSeconds:0} s (cancelled: {(int)cancel.StatusCode})");
            }

            await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
        }
    }

    private static IngestOutcome Outcome(string file, long? job, string status, double start, Stopwatch clock, string? error) =>
        new(file, new FileInfo(file).Length, job, status, status == "succeeded", start, clock.Elapsed.TotalSeconds - start, error);

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "...";
}
