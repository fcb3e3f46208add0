using System.Diagnostics;
using System.Text;

namespace Cbvr.Api.Tests;

/// <summary>
/// A real child process started without a shell: arguments as a list, stdout and stderr captured as they come (so a
/// chatty process never blocks on a full pipe), killed with its children when disposed.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stderrClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly bool _ownsWorkingDirectory;

    private ChildProcess(Process process, bool ownsWorkingDirectory)
    {
        _process = process;
        _ownsWorkingDirectory = ownsWorkingDirectory;
    }

    public int Id => _process.Id;

    public string WorkingDirectory { get; private init; } = "";

    public bool HasExited => _process.HasExited;

    public string StandardOutput
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public string StandardError
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>
    /// Starts <paramref name="fileName"/> with <paramref name="arguments"/>; <paramref name="environment"/> entries with a null
    /// value are removed. With <paramref name="ownsWorkingDirectory"/>, the working directory is removed on dispose when empty.
    /// </summary>
    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string?> environment, bool ownsWorkingDirectory = false)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            if (value is null)
            {
                info.Environment.Remove(key);
            }
            else
            {
                info.Environment[key] = value;
            }
        }

        var process = new Process { StartInfo = info };
        var child = new ChildProcess(process, ownsWorkingDirectory) { WorkingDirectory = workingDirectory };
        process.OutputDataReceived += (_, e) => child.Append(child._stdout, child._stdoutClosed, e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(child._stderr, child._stderrClosed, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for the exit and the end of both streams; on timeout kills the process tree and throws with its output.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            await Task.WhenAll(_stdoutClosed.Task, _stderrClosed.Task).WaitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"{Describe()} did not exit within {timeout.TotalSeconds:0} s\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}");
        }

        return _process.ExitCode;
    }

    /// <summary>SIGKILL to this process only (like <c>kill -9 PID</c>), then waits until it is gone.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
        if (_ownsWorkingDirectory && Directory.Exists(WorkingDirectory) && !Directory.EnumerateFileSystemEntries(WorkingDirectory).Any())
        {
            Directory.Delete(WorkingDirectory);
        }
    }

    private string Describe() => _process.StartInfo.FileName + " " + string.Join(' ', _process.StartInfo.ArgumentList);

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // never started or already reaped
        }
    }

    private void Append(StringBuilder buffer, TaskCompletionSource closed, string? line)
    {
        if (line is null)
        {
            closed.TrySetResult();
            return;
        }

        lock (buffer)
        {
            buffer.AppendLine(line);
        }
    }
}
