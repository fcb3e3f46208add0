namespace Cbvr.Ingest;

/// <summary>
/// The one folder that holds everything Cbvr stores: the SQLite catalog, keyframes, audio and (later) index files.
/// Chosen by <c>--data</c>, else <c>CBVR_DATA</c>, else <c>Storage:DataDirectory</c>, else <c>./data</c>.
/// </summary>
public sealed class DataDirectory
{
    public DataDirectory(string root)
    {
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    public string CatalogPath => Path.Combine(Root, "catalog.db");

    public string VideosRoot => Path.Combine(Root, "videos");

    public string StagingRoot => Path.Combine(Root, "staging");

    /// <summary>Files clients uploaded to the server (<c>DATA/uploads</c>): the server's own, whatever <c>Ingest:AllowedRoots</c> says.</summary>
    public string UploadsRoot => Path.Combine(Root, "uploads");

    public string VideoFolder(string videoId) => Path.Combine(VideosRoot, videoId);

    public string StagingFolder(long jobId) => Path.Combine(StagingRoot, "job-" + jobId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Creates the folders; fails with a message naming the folder when it cannot be written.</summary>
    public void EnsureCreated()
    {
        try
        {
            Directory.CreateDirectory(Root);
            Directory.CreateDirectory(VideosRoot);
            Directory.CreateDirectory(StagingRoot);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"data directory '{Root}' cannot be created or written: {e.Message}", e);
        }
    }
}
