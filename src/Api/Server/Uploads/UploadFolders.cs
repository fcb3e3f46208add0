using Cbvr.Ingest;

namespace Cbvr.Api.Server.Uploads;

/// <summary>
/// Where uploads live. Each file gets a folder of its own with a random name (<c>DATA/uploads/&lt;random&gt;/&lt;name&gt;</c>),
/// so the client's file name survives as the catalog's display name while nothing the client sent becomes a path.
/// </summary>
public static class UploadFolders
{
    /// <summary>Clips uploaded for ingest: kept while their video is in the library.</summary>
    public static string Ingest(DataDirectory data) => data.UploadsRoot;

    /// <summary>Example clips uploaded with a search (the upload folder of the examples' data directory): deleted when the search is answered.</summary>
    public static string Examples(DataDirectory data) => Path.Combine(data.Root, "examples", "uploads");

    /// <summary>True when <paramref name="path"/> is a file in the upload folder <paramref name="root"/> (so the server owns it).</summary>
    public static bool Holds(string root, string path) =>
        Path.GetFullPath(path).StartsWith(Path.GetFullPath(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>Deletes an uploaded file and its random folder; missing files are fine.</summary>
    public static void Delete(string path)
    {
        try
        {
            File.Delete(path);
            var folder = Path.GetDirectoryName(path);
            if (folder is not null && Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
            {
                Directory.Delete(folder);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // a file another process still holds open: the folder stays, and it is in the upload area, not the library
        }
    }
}
