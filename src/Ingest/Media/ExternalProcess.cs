using System.Diagnostics;
using System.Text;

namespace Cbvr.Ingest.Media;

/// <summary>
/// Runs a program with an argument list (never through a shell), a time limit, and kill-on-cancel.
/// Standard error is kept as its last lines for error messages.
/// </summary>
public sealed class ExternalProcess : IAsyncDisposable
{
    private const int StderrLinesKept = 200;

    private readonly Process _process;
    private readonly Queue<string> _stderr = new();
    private readonly Task _stderrPump;
    private readonly CancellationTokenSource _timeoutSource;
    private readonly CancellationTokenSource _lifetime;
    private readonly CancellationTokenRegistration _killOnCancel;
    private readonly TimeSpan _timeout;
    private readonly string _name;

    private ExternalProcess(string fileName, IEnumerable<string> arguments, TimeSpan timeout, bool redirectStdout, CancellationToken cancellationToken)
    {
        _name = Path.GetFileName(fileName);
        _timeout = timeout;
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = redirectStdout,
            RedirectStandardInput = false,
            UseShellExecute = false,
            CreateNoWindow = true,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        _process = new Process { StartInfo = info };
        try
        {
            _process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            _process.Dispose();
            throw new InvalidOperationException($"cannot start '{fileName}': {e.Message} (is it installed? run the set-up script)", e);
        }

        _timeoutSource = new CancellationTokenSource(timeout);
        _lifetime = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _timeoutSource.Token);
        _killOnCancel = _lifetime.Token.Register(() =>
        {
            TimedOut = _timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested;
            Kill();
        });
        _stderrPump = PumpStderrAsync();
    }

    /// <summary>Standard output as a stream, when it was redirected.</summary>
    public Stream StandardOutput => _process.StandardOutput.BaseStream;

    /// <summary>True when the process was ended by the time limit.</summary>
    public bool TimedOut { get; private set; }

    /// <summary>Starts <paramref name="fileName"/>; stdout is redirected when <paramref name="redirectStdout"/> is set.</summary>
    public static ExternalProcess Start(string fileName, IEnumerable<string> arguments, TimeSpan timeout, bool redirectStdout, CancellationToken cancellationToken) =>
        new(fileName, arguments, timeout, redirectStdout, cancellationToken);

    /// <summary>Runs to completion and returns exit code, stdout text and the stderr lines.</summary>
    public static async Task<ProcessResult> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await using var process = Start(fileName, arguments, timeout, redirectStdout: true, cancellationToken);
        using var reader = new StreamReader(process.StandardOutput, Encoding.UTF8);
        var stdout = await reader.ReadToEndAsync(CancellationToken.None).ConfigureAwait(false);
        var exitCode = await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return new ProcessResult(exitCode, stdout, process.StderrLines());
    }

    /// <summary>Waits for exit. Throws <see cref="OperationCanceledException"/> on cancel and <see cref="TimeoutException"/> on time-out.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        await _stderrPump.ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (TimedOut)
        {
            throw new TimeoutException($"{_name} did not finish within {_timeout.TotalSeconds:0} s and was stopped");
        }

        return _process.ExitCode;
    }

    /// <summary>The last lines the process wrote to standard error.</summary>
    public IReadOnlyList<string> StderrLines()
    {
        lock (_stderr)
        {
            return [.. _stderr];
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _killOnCancel.DisposeAsync().ConfigureAwait(false);
        try
        {
            await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            await _stderrPump.ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // never started
        }

        _lifetime.Dispose();
        _timeoutSource.Dispose();
        _process.Dispose();
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }

    private async Task PumpStderrAsync()
    {
        var reader = _process.StandardError;
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            lock (_stderr)
            {
                _stderr.Enqueue(line);
                if (_stderr.Count > StderrLinesKept)
                {
                    _stderr.Dequeue();
                }
            }
        }
    }
}

/// <summary>The outcome of a finished process.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, IReadOnlyList<string> StandardError);
