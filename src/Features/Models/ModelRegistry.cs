using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cbvr.Features.Models;

/// <summary>
/// The models this process can use. Built-in manifests ship beside the program (<c>models/*.json</c>); the model pack may add
/// <c>cbvr-model.json</c> files. Every file is checked against its SHA-256 once, at start (<see cref="Verify"/>): a required model
/// that is missing or corrupt is an error that names it; a pack model that is absent disables it with one log line.
/// </summary>
public sealed class ModelRegistry
{
    public const string PackManifestName = "cbvr-model.json";

    private static readonly ConcurrentDictionary<(string Path, long Size, DateTime Time), string> HashCache = new();

    private readonly ModelOptions _options;
    private readonly ILogger<ModelRegistry> _logger;
    private readonly Lazy<IReadOnlyList<ModelEntry>> _entries;

    public ModelRegistry(IOptions<ModelOptions> options, ILogger<ModelRegistry> logger)
        : this(options.Value, logger, Path.Combine(AppContext.BaseDirectory, "models"))
    {
    }

    public ModelRegistry(ModelOptions options, ILogger<ModelRegistry> logger, string builtInManifests)
    {
        _options = options;
        _logger = logger;
        ManifestFolder = builtInManifests;
        _entries = new Lazy<IReadOnlyList<ModelEntry>>(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string ManifestFolder { get; }

    public string ModelsDirectory => Path.GetFullPath(_options.Directory);

    public string? PackDirectory => string.IsNullOrWhiteSpace(_options.PackDirectory) ? null : Path.GetFullPath(_options.PackDirectory);

    /// <summary>Every model, usable or not; loading verifies the files (throws <see cref="ModelException"/>).</summary>
    public IReadOnlyList<ModelEntry> Entries => _entries.Value;

    /// <summary>Loads and verifies every manifest now; call at start so a bad model fails there and not at first use.</summary>
    public void Verify() => _ = _entries.Value;

    /// <summary>The usable model named <paramref name="name"/>, or null (unknown or disabled).</summary>
    public ModelEntry? Find(string name) => Entries.FirstOrDefault(e => e.Available && e.Name == name);

    /// <summary>The model named <paramref name="name"/>, usable or not, or null when unknown.</summary>
    public ModelEntry? Describe(string name) => Entries.FirstOrDefault(e => e.Name == name);

    /// <summary>Usable models for <paramref name="task"/> (see <see cref="ModelTasks"/>), built-in first.</summary>
    public IEnumerable<ModelEntry> ForTask(string task) => Entries.Where(e => e.Available && e.Manifest.Task == task);

    private List<ModelEntry> Load()
    {
        var manifests = new List<(ModelManifest Manifest, string Folder)>();
        if (Directory.Exists(ManifestFolder))
        {
            foreach (var file in Directory.EnumerateFiles(ManifestFolder, "*.json").Order(StringComparer.Ordinal))
            {
                var manifest = Read(file);
                var folder = manifest.Location == ModelLocations.Pack ? PackDirectory : ModelsDirectory;
                manifests.Add((manifest, folder ?? ""));
            }
        }

        var pack = PackDirectory;
        var packPresent = pack is not null && Directory.Exists(pack);
        if (packPresent)
        {
            foreach (var file in Directory.EnumerateFiles(pack!, PackManifestName, SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var manifest = Read(file) with { Location = ModelLocations.Pack };
                manifests.Add((manifest, Path.GetDirectoryName(file)!));
            }
        }

        var duplicate = manifests.GroupBy(m => m.Manifest.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ModelException($"model {duplicate.Key}: defined by more than one manifest");
        }

        var entries = manifests.Select(m => Check(m.Manifest, m.Folder, packPresent)).ToList();
        var disabled = entries.Where(e => !e.Available).ToList();
        if (disabled.Count > 0)
        {
            var why = pack is null ? "no model pack configured (Models:PackDirectory)"
                : !packPresent ? $"model pack folder {pack} not found"
                : "files missing from the model pack " + pack;
            _logger.LogWarning("models disabled, {Why}: {Models}", why, string.Join(", ", disabled.Select(d => d.Name)));
        }

        return entries;
    }

    private ModelEntry Check(ModelManifest manifest, string folder, bool packPresent)
    {
        var isPack = manifest.Location == ModelLocations.Pack;
        if (isPack && !packPresent)
        {
            return new ModelEntry(manifest, folder, false, PackDirectory is null ? "no model pack configured" : $"model pack {PackDirectory} not found");
        }

        foreach (var (role, file) in manifest.Files)
        {
            var path = Path.GetFullPath(Path.Combine(folder, file.Path));
            if (!File.Exists(path))
            {
                if (isPack)
                {
                    return new ModelEntry(manifest, folder, false, $"{path} not in the model pack");
                }

                throw new ModelException($"model {manifest.Name}: {role} file {path} is missing; run scripts/setup.sh to fetch the models (source: {manifest.Source})");
            }

            var actual = Sha256Of(path);
            if (!string.Equals(actual, file.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new ModelException($"model {manifest.Name}: {role} file {path} has SHA-256 {actual}, expected {file.Sha256} (corrupt or wrong file; fetch it again with scripts/setup.sh)");
            }
        }

        return new ModelEntry(manifest, folder, true, null);
    }

    /// <summary>SHA-256 of a file as lower-case hex, cached per (path, size, modification time) for the life of the process.</summary>
    public static string Sha256Of(string path)
    {
        var info = new FileInfo(path);
        return HashCache.GetOrAdd((info.FullName, info.Length, info.LastWriteTimeUtc), static key =>
        {
            using var stream = File.OpenRead(key.Path);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        });
    }

    private static ModelManifest Read(string file)
    {
        try
        {
            var manifest = JsonSerializer.Deserialize<ModelManifest>(File.ReadAllText(file), ModelManifest.Json)
                ?? throw new ModelException($"model manifest {file} is empty");
            if (manifest.Files.Count == 0 || manifest.Files.Values.Any(f => string.IsNullOrEmpty(f.Path) || f.Sha256?.Length != 64))
            {
                throw new ModelException($"model manifest {file}: every file needs a path and a 64-digit sha256");
            }

            return manifest;
        }
        catch (JsonException e)
        {
            throw new ModelException($"model manifest {file} is not valid: {e.Message}", e);
        }
    }
}
