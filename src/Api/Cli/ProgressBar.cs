using System.Collections.Concurrent;
using System.Diagnostics;
using Cbvr.Ingest.Catalog;
using Cbvr.Ingest.Jobs;

namespace Cbvr.Api.Cli;

/// <summary>
/// Ingest progress on stderr: one redrawn bar (files done, seconds of video done of total, current file) on a terminal;
/// one line per finished file when stderr is redirected.
/// </summary>
public sealed class ProgressBar : IDisposable
{
    private const int Width = 30;
    private readonly IngestProgressHub _hub;
    private readonly int _files;
    private readonly bool _enabled;
    private readonly bool _interactive;
    private readonly ConcurrentDictionary<long, JobProgress> _jobs = new();
    private readonly Stopwatch _sinceDraw = Stopwatch.StartNew();
    private readonly Lock _lock = new();
    private int _finished;
    private bool _disposed;

    public ProgressBar(IngestProgressHub hub, int files, bool enabled)
    {
        _hub = hub;
        _files = files;
        _enabled = enabled;
        _interactive = !Console.IsErrorRedirected;
        hub.Changed += OnChanged;
    }

    public void Dispose()
    {
        _hub.Changed -= OnChanged;
        lock (_lock)
        {
            if (!_disposed && _enabled && _interactive)
            {
                Draw();
                Console.Error.WriteLine();
            }

            _disposed = true;
        }
    }

    private void OnChanged(JobProgress p)
    {
        if (!_enabled)
        {
            return;
        }

        var previous = _jobs.TryGetValue(p.JobId, out var prev) ? prev : null;
        _jobs[p.JobId] = p;
        var finishedNow = IsFinished(p.Status) && (previous is null || !IsFinished(previous.Status));
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            if (finishedNow)
            {
                _finished++;
                if (!_interactive)
                {
                    Console.Error.WriteLine($"[{_finished}/{_files}] {p.Status.ToString().ToLowerInvariant(),-9} {p.Path}{(p.Error is null ? "" : ": " + p.Error)}");
                }
            }

            if (_interactive && (finishedNow || _sinceDraw.ElapsedMilliseconds >= 100))
            {
                Draw();
            }
        }
    }

    private void Draw()
    {
        _sinceDraw.Restart();
        var total = _jobs.Values.Sum(j => j.TotalSeconds);
        var done = _jobs.Values.Sum(j => IsFinished(j.Status) ? j.TotalSeconds : j.DoneSeconds);
        var fraction = _files == 0 ? 1 : total > 0 ? done / total : (double)_finished / _files;
        var filled = (int)Math.Round(Math.Clamp(fraction, 0, 1) * Width);
        var running = _jobs.Values.FirstOrDefault(j => j.Status == JobStatus.Running);
        var current = running is null ? "" : Path.GetFileName(running.Path);
        if (current.Length > 40)
        {
            current = current[..37] + "...";
        }

        if (running?.Stage is { } stage)
        {
            current += " (" + stage + ")";
        }

        var line = $"\r[{new string('#', filled)}{new string('-', Width - filled)}] {fraction,4:P0} {_finished}/{_files} files {Output.Duration(done)}/{Output.Duration(total)} {current}";
        Console.Error.Write(line.PadRight(Math.Min(Console.BufferWidth > 0 ? Console.BufferWidth - 1 : 100, 120)));
    }

    private static bool IsFinished(JobStatus s) => s is JobStatus.Succeeded or JobStatus.Skipped or JobStatus.Failed or JobStatus.Cancelled;
}
