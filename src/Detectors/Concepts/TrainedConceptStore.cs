using System.Text.Json;
using System.Text.RegularExpressions;
using Cbvr.Detectors.Analysis;
using Cbvr.Features.Models;
using Cbvr.Ingest;
using Microsoft.Extensions.Options;

namespace Cbvr.Detectors.Concepts;

/// <summary>Trained concepts on disk: <c>&lt;data&gt;/concepts/&lt;name&gt;.json</c>, written atomically.</summary>
public sealed partial class TrainedConceptStore(DataDirectory data, IOptions<AnalysisOptions> options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Folder => Path.Combine(data.Root, options.Value.ConceptsFolder);

    /// <summary>The stored name of a user-given concept name: lower case, spaces as '_'; throws when it has other characters.</summary>
    public static string Normalise(string name)
    {
        var normal = name.Trim().ToLowerInvariant().Replace(' ', '_');
        return ValidName().IsMatch(normal)
            ? normal
            : throw new InvalidOperationException($"concept name '{name}' is not valid: use 1-64 letters, digits, '_' or '-', starting with a letter or digit");
    }

    public IReadOnlyList<TrainedConcept> List()
    {
        if (!Directory.Exists(Folder))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(Folder, "*.json").Order(StringComparer.Ordinal).Select(Read)];
    }

    public TrainedConcept? Find(string name)
    {
        var path = PathOf(Normalise(name));
        return File.Exists(path) ? Read(path) : null;
    }

    public void Save(TrainedConcept concept)
    {
        Directory.CreateDirectory(Folder);
        var path = PathOf(concept.Name);
        File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(concept, Json));
        File.Move(path + ".tmp", path, overwrite: true);
    }

    public bool Remove(string name)
    {
        var path = PathOf(Normalise(name));
        if (!File.Exists(path))
        {
            return false;
        }

        File.Delete(path);
        return true;
    }

    /// <summary>A tag of the set of trained models (12 hex digits; empty when none): stale scores are recomputed when it changes.</summary>
    public string Hash()
    {
        var files = Directory.Exists(Folder) ? Directory.EnumerateFiles(Folder, "*.json").Order(StringComparer.Ordinal).ToList() : [];
        if (files.Count == 0)
        {
            return "";
        }

        var combined = string.Join("\n", files.Select(f => Path.GetFileName(f) + " " + ModelRegistry.Sha256Of(f)));
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(combined)))[..12];
    }

    private string PathOf(string normalName) => Path.Combine(Folder, normalName + ".json");

    private static TrainedConcept Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<TrainedConcept>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path} is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"trained concept {path} is damaged: {e.Message}", e);
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex ValidName();
}
