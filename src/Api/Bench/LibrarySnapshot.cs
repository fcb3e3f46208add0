using Microsoft.Data.Sqlite;

namespace Cbvr.Api.Bench;

/// <summary>
/// Copies a data directory so a benchmark can write to it and the user's library stays untouched: SQLite databases through
/// SQLite's online backup when a write-ahead log is present (a consistent snapshot even while a server writes them; their
/// -wal/-shm files are not copied), byte for byte when there is none (opening a database, even read-only, would create
/// -wal/-shm files in the user's folder); every other file byte for byte. Uploads and staging are left behind: the catalog points at uploaded files by absolute path and
/// staging holds only unfinished work. Unfinished jobs of the copy are marked failed so the bench server does not resume them.
/// </summary>
public static class LibrarySnapshot
{
    private static readonly string[] Skipped = ["uploads", "staging"];

    /// <summary>Copies <paramref name="source"/> to <paramref name="target"/> (created) and returns the bytes copied.</summary>
    public static long Copy(string source, string target)
    {
        if (!File.Exists(Path.Combine(source, "catalog.db")))
        {
            throw new InvalidOperationException($"bench api: '{source}' holds no library (no catalog.db); ingest some videos or give --data");
        }

        var bytes = CopyFolder(source, target);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(target, "catalog.db"), Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE jobs SET status = 'failed', error = 'not resumed by the benchmark copy' WHERE status IN ('queued', 'running')";
        command.ExecuteNonQuery();
        return bytes;
    }

    private static long CopyFolder(string source, string target)
    {
        Directory.CreateDirectory(target);
        long bytes = 0;
        foreach (var file in Directory.EnumerateFiles(source))
        {
            var name = Path.GetFileName(file);
            if (name.EndsWith("-wal", StringComparison.Ordinal) || name.EndsWith("-shm", StringComparison.Ordinal) || name.EndsWith("-journal", StringComparison.Ordinal))
            {
                continue;
            }

            var destination = Path.Combine(target, name);
            if (name.EndsWith(".db", StringComparison.Ordinal) && File.Exists(file + "-wal"))
            {
                Backup(file, destination);
            }
            else
            {
                File.Copy(file, destination);
            }

            bytes += new FileInfo(destination).Length;
        }

        foreach (var folder in Directory.EnumerateDirectories(source))
        {
            var name = Path.GetFileName(folder);
            if (Skipped.Contains(name, StringComparer.Ordinal))
            {
                Directory.CreateDirectory(Path.Combine(target, name));
            }
            else if (!new DirectoryInfo(folder).Attributes.HasFlag(FileAttributes.ReparsePoint))
            {
                bytes += CopyFolder(folder, Path.Combine(target, name));
            }
        }

        return bytes;
    }

    private static void Backup(string source, string destination)
    {
        using var from = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        using var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = destination, Pooling = false }.ToString());
        from.Open();
        to.Open();
        from.BackupDatabase(to);
    }
}
