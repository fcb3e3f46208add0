using System.Text.Json;
using Cbvr.Features.Encoding;
using Cbvr.Features.Models;
using Cbvr.Features.Store;
using Cbvr.Ingest;

namespace Cbvr.Features.Codebooks;

/// <summary>How a codebook was learned and how evenly its clusters share the data (plain k-means for comparison).</summary>
public sealed record CodebookInfo(
    string Feature, string Method, int Clusters, double Gamma, double Eta, int Descriptors, int Videos,
    ClusterSpread Spread, ClusterSpread? PlainSpread, double Distortion, double? PlainDistortion, DateTimeOffset LearnedAt, string Hash, int[] Sizes);

/// <summary>Codebooks learned from the library's local descriptors: <c>codebooks/&lt;feature&gt;.*.cbf</c> (centres) and <c>.json</c> (how).</summary>
public sealed class CodebookStore(DataDirectory data)
{
    // A cluster spread's max/min ratio is +Infinity when a cluster is empty: written and read as "Infinity".
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString | System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public string Folder => Path.Combine(data.Root, "codebooks");

    /// <summary>The codebook of <paramref name="feature"/> and its info, or null when none was learned.</summary>
    public (Codebook Codebook, CodebookInfo Info)? Load(string feature)
    {
        var info = InfoPath(feature);
        var centres = CentresPath(feature);
        if (!File.Exists(info) || !File.Exists(centres))
        {
            return null;
        }

        using var matrix = FeatureMatrix.Open(centres);
        var meta = JsonSerializer.Deserialize<CodebookInfo>(File.ReadAllText(info), Json) ?? throw new InvalidDataException($"{info} is empty");
        if (meta.Sizes.Length != matrix.Rows)
        {
            throw new InvalidDataException($"{info} does not match {centres} ({meta.Sizes.Length} sizes, {matrix.Rows} centres)");
        }

        return (new Codebook(matrix.ToArray(), matrix.Columns, meta.Sizes), meta);
    }

    /// <summary>Content tag of the stored codebook (12 hex digits), or null when none.</summary>
    public string? Hash(string feature) => File.Exists(CentresPath(feature)) ? ModelRegistry.Sha256Of(CentresPath(feature))[..12] : null;

    public CodebookInfo Save(string feature, Codebook codebook, CodebookInfo info)
    {
        Directory.CreateDirectory(Folder);
        FeatureFile.Write(Folder, new FeatureTag(feature, Granularity.AudioFrame, "codebook", 1, info.Method), codebook.Centres, codebook.Count, codebook.Dimensions, FeatureType.Float32);
        var saved = info with { Hash = Hash(feature)! };
        var temp = InfoPath(feature) + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(saved, Json));
        File.Move(temp, InfoPath(feature), overwrite: true);
        return saved;
    }

    private string CentresPath(string feature) => Path.Combine(Folder, FeatureTag.FileNameOf(feature, Granularity.AudioFrame));

    private string InfoPath(string feature) => Path.Combine(Folder, feature + ".json");
}
