using Cbvr.Ingest;

namespace Cbvr.Features.Store;

/// <summary>Feature blocks of the catalogued videos: <c>videos/&lt;id&gt;/features/&lt;feature&gt;.&lt;granularity&gt;.cbf</c>.</summary>
public sealed class FeatureStore(DataDirectory data)
{
    public const string FolderName = "features";

    /// <summary>The features folder inside a video folder (committed or staged).</summary>
    public static string FolderIn(string videoFolder) => Path.Combine(videoFolder, FolderName);

    public string FolderOf(string videoId) => FolderIn(data.VideoFolder(videoId));

    /// <summary>The block of <paramref name="feature"/> at <paramref name="granularity"/>, memory-mapped, or null when not stored.</summary>
    public FeatureMatrix? Open(string videoId, string feature, Granularity granularity)
    {
        var path = Path.Combine(FolderOf(videoId), FeatureTag.FileNameOf(feature, granularity));
        return File.Exists(path) ? FeatureMatrix.Open(path) : null;
    }

    /// <summary>Tags of every block stored for <paramref name="videoId"/>.</summary>
    public IReadOnlyList<FeatureTag> List(string videoId)
    {
        var folder = FolderOf(videoId);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var tags = new List<FeatureTag>();
        foreach (var path in Directory.EnumerateFiles(folder, "*.cbf").Order(StringComparer.Ordinal))
        {
            using var stream = File.OpenRead(path);
            tags.Add(FeatureFile.ReadHeader(stream, path).Tag);
        }

        return tags;
    }

    public void Write(string videoId, FeatureTag tag, ReadOnlySpan<float> data, int rows, int columns, FeatureType type = FeatureType.Float16) =>
        FeatureFile.Write(FolderOf(videoId), tag, data, rows, columns, type);
}
