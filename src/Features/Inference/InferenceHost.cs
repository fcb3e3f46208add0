using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Cbvr.Features.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace Cbvr.Features.Inference;

/// <summary>
/// Runs ONNX models: picks the execution provider once (CUDA when configured or loadable, else CPU, logged with the reason)
/// and keeps one long-lived session per model file.
/// </summary>
public sealed partial class InferenceHost : IDisposable
{
    private readonly ModelOptions _options;
    private readonly ModelRegistry _registry;
    private readonly ILogger<InferenceHost> _logger;
    private readonly Lazy<(bool Cuda, string Description)> _provider;
    private readonly ConcurrentDictionary<string, Lazy<OnnxModel>> _sessions = new();

    public InferenceHost(IOptions<ModelOptions> options, ModelRegistry registry, ILogger<InferenceHost> logger)
    {
        _options = options.Value;
        _registry = registry;
        _logger = logger;
        _provider = new Lazy<(bool, string)>(ChooseProvider, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>True when sessions run on CUDA.</summary>
    public bool UsesCuda => _provider.Value.Cuda;

    /// <summary>The provider and why, e.g. <c>CPU (CUDA provider not loadable: libcublasLt.so.13 missing)</c>.</summary>
    public string ProviderDescription => _provider.Value.Description;

    public ModelRegistry Registry => _registry;

    /// <summary>The session of <paramref name="model"/>'s file with <paramref name="role"/>, created on first use and kept.</summary>
    public OnnxModel Load(ModelEntry model, string role = "model")
    {
        if (!model.Available)
        {
            throw new ModelException($"model {model.Name} is disabled: {model.DisabledReason}");
        }

        var path = model.PathOf(role);
        var lazy = _sessions.GetOrAdd(path, p => new Lazy<OnnxModel>(() => Create(model, role, p, o => new InferenceSession(p, o)), LazyThreadSafetyMode.ExecutionAndPublication));
        return lazy.Value;
    }

    /// <summary>
    /// The session of an ONNX model stored inside <paramref name="model"/>'s file with <paramref name="role"/> (e.g. a resource
    /// <paramref name="part"/> of a .NET assembly), whose bytes <paramref name="read"/> gets from that file's path once; kept like <see cref="Load(ModelEntry, string)"/>.
    /// </summary>
    public OnnxModel Load(ModelEntry model, string role, string part, Func<string, byte[]> read)
    {
        if (!model.Available)
        {
            throw new ModelException($"model {model.Name} is disabled: {model.DisabledReason}");
        }

        var path = model.PathOf(role);
        var lazy = _sessions.GetOrAdd(path + "#" + part, key => new Lazy<OnnxModel>(
            () => Create(model, role, key, o => new InferenceSession(read(path), o)), LazyThreadSafetyMode.ExecutionAndPublication));
        return lazy.Value;
    }

    /// <summary>Session options with the chosen provider and thread count; for callers that need a session of their own.</summary>
    public SessionOptions CreateSessionOptions()
    {
        var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        if (_options.IntraOpThreads > 0)
        {
            options.IntraOpNumThreads = _options.IntraOpThreads;
        }

        options.InterOpNumThreads = 1;

        // No busy-waiting between runs: ingest runs ffmpeg and several models side by side on few cores.
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        if (UsesCuda)
        {
            options.AppendExecutionProvider_CUDA(_options.CudaDevice);
        }

        return options;
    }

    private OnnxModel Create(ModelEntry model, string role, string path, Func<SessionOptions, InferenceSession> open)
    {
        using var options = CreateSessionOptions();
        try
        {
            var session = open(options);
            _logger.LogInformation("model {Model} ({Role}) loaded on {Provider}", model.Name, role, UsesCuda ? "CUDA" : "CPU");
            return new OnnxModel(model.Name + (role == "model" ? "" : "/" + role), session);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelException($"model {model.Name}: ONNX Runtime cannot load {path}: {e.Message}", e);
        }
    }

    private (bool, string) ChooseProvider()
    {
        (bool, string) result;
        if (_options.Provider == ExecutionProviderChoice.Cpu)
        {
            result = (false, "CPU (forced by Models:Provider=Cpu)");
        }
        else if (TryCuda(out var reason))
        {
            result = (true, $"CUDA (device {_options.CudaDevice})");
        }
        else if (_options.Provider == ExecutionProviderChoice.Cuda)
        {
            throw new ModelException($"Models:Provider=Cuda but the CUDA provider is not loadable: {reason}");
        }
        else
        {
            result = (false, $"CPU (CUDA provider not loadable: {reason})");
        }

        _logger.LogInformation("inference: {Provider}", result.Item2);
        return result;
    }

    private bool TryCuda(out string reason)
    {
        // ONNX Runtime logs its own error when the provider library cannot load; the reason is logged once below instead.
        var env = OrtEnv.Instance();
        var level = env.EnvLogLevel;
        env.EnvLogLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL;
        try
        {
            using var probe = new SessionOptions();
            probe.AppendExecutionProvider_CUDA(_options.CudaDevice);

            // The provider can load on a machine whose device is missing or busy: a session on the smallest model says for sure.
            var smallest = _registry.Entries.Where(e => e.Available && e.Manifest.Files.ContainsKey("model")).Select(e => e.PathOf()).OrderBy(p => new FileInfo(p).Length).FirstOrDefault();
            if (smallest is not null)
            {
                using var session = new InferenceSession(smallest, probe);
            }

            reason = "";
            return true;
        }
        catch (Exception e) when (e is OnnxRuntimeException or DllNotFoundException or EntryPointNotFoundException)
        {
            // The provider library's own load error names what is missing (e.g. libcublasLt.so.13); ONNX Runtime's message does not.
            reason = Explain(ProviderLibraryError() ?? e.Message);
            return false;
        }
        finally
        {
            env.EnvLogLevel = level;
        }
    }

    /// <summary>Why the CUDA provider library next to ONNX Runtime cannot be loaded, or null when it loads (or is not found).</summary>
    private static string? ProviderLibraryError()
    {
        const string name = "libonnxruntime_providers_cuda.so";
        var candidates = new[]
        {
            Path.Combine(AppContext.BaseDirectory, name),
            Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", name),
        };
        var path = candidates.FirstOrDefault(File.Exists);
        if (path is null)
        {
            return OperatingSystem.IsLinux() ? $"{name} missing" : null;
        }

        try
        {
            NativeLibrary.Free(NativeLibrary.Load(path));
            return null;
        }
        catch (DllNotFoundException e)
        {
            return e.Message;
        }
    }

    /// <summary>Shortens ONNX Runtime's load error to what is missing, e.g. <c>libcublasLt.so.13 missing</c>.</summary>
    internal static string Explain(string message)
    {
        var missing = MissingLibrary().Match(message);
        if (missing.Success)
        {
            return missing.Groups[1].Value + " missing";
        }

        var line = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? message;
        return line.Length > 200 ? line[..200] : line;
    }

    [GeneratedRegex(@"(lib[\w.+-]+\.so[.\d]*): cannot open shared object file")]
    private static partial Regex MissingLibrary();

    public void Dispose()
    {
        foreach (var lazy in _sessions.Values)
        {
            if (lazy.IsValueCreated)
            {
                lazy.Value.Dispose();
            }
        }

        _sessions.Clear();
    }
}
