namespace Cbvr.Features.Models;

/// <summary>A model known to the registry: its manifest, the folder its files are in, and whether it can be used.</summary>
public sealed record ModelEntry(ModelManifest Manifest, string Folder, bool Available, string? DisabledReason)
{
    public string Name => Manifest.Name;

    /// <summary>Short content tag of the model (first 12 hex digits of the main file's SHA-256), stored with every output.</summary>
    public string Hash => (Manifest.Files.TryGetValue("model", out var f) ? f : Manifest.Files.Values.First()).Sha256[..12];

    /// <summary>Absolute path of the file with <paramref name="role"/>.</summary>
    public string PathOf(string role = "model") =>
        Manifest.Files.TryGetValue(role, out var file)
            ? System.IO.Path.GetFullPath(System.IO.Path.Combine(Folder, file.Path))
            : throw new ModelException($"model {Name}: its manifest has no '{role}' file");
}
