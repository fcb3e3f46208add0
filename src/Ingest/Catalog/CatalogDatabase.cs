using Microsoft.Data.Sqlite;

namespace Cbvr.Ingest.Catalog;

/// <summary>The SQLite catalog file: opens connections (WAL, busy timeout, foreign keys) and applies the schema on first use.</summary>
public sealed class CatalogDatabase
{
    private const int SchemaVersion = 1;

    private readonly string _connectionString;
    private readonly IReadOnlyList<ICatalogSchemaPart> _parts;
    private readonly Lock _migrateLock = new();
    private bool _migrated;

    public CatalogDatabase(DataDirectory data, IEnumerable<ICatalogSchemaPart>? parts = null)
    {
        _parts = [.. parts ?? []];
        data.EnsureCreated();
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = data.CatalogPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>An open connection with the schema in place.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000;");
        if (!_migrated)
        {
            lock (_migrateLock)
            {
                if (!_migrated)
                {
                    Migrate(connection);
                    _migrated = true;
                }
            }
        }

        return connection;
    }

    internal static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private void Migrate(SqliteConnection connection)
    {
        Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
        using var version = connection.CreateCommand();
        version.CommandText = "PRAGMA user_version";
        var current = Convert.ToInt32(version.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (current > SchemaVersion)
        {
            throw new InvalidOperationException($"catalog schema version {current} is newer than this build understands ({SchemaVersion}); upgrade Cbvr");
        }

        using var tx = connection.BeginTransaction();
        if (current < SchemaVersion)
        {
            Execute(connection, Schema, tx);
            Execute(connection, $"PRAGMA user_version = {SchemaVersion}", tx);
        }

        Execute(connection, "CREATE TABLE IF NOT EXISTS schema_parts (component TEXT PRIMARY KEY, version INTEGER NOT NULL)", tx);
        foreach (var part in _parts)
        {
            using var read = connection.Command("SELECT version FROM schema_parts WHERE component = $c", tx, ("$c", part.Component));
            var applied = read.ExecuteScalar() is long v ? (int)v : 0;
            if (applied > part.Version)
            {
                throw new InvalidOperationException($"catalog part {part.Component} has schema version {applied}, newer than this build understands ({part.Version}); upgrade Cbvr");
            }

            if (applied < part.Version)
            {
                Execute(connection, part.Sql, tx);
                using var write = connection.Command(
                    "INSERT INTO schema_parts (component, version) VALUES ($c, $v) ON CONFLICT(component) DO UPDATE SET version = excluded.version", tx, ("$c", part.Component), ("$v", part.Version));
                write.ExecuteNonQuery();
            }
        }

        tx.Commit();
    }

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS videos (
            id TEXT PRIMARY KEY,
            path TEXT NOT NULL,
            file_name TEXT NOT NULL,
            size_bytes INTEGER NOT NULL,
            container TEXT NOT NULL,
            duration_seconds REAL NOT NULL,
            width INTEGER NOT NULL,
            height INTEGER NOT NULL,
            fps REAL NOT NULL,
            video_codec TEXT NOT NULL,
            audio_codec TEXT,
            rotation INTEGER NOT NULL,
            has_audio INTEGER NOT NULL,
            frame_width INTEGER NOT NULL,
            frame_height INTEGER NOT NULL,
            sampled_fps REAL NOT NULL,
            ingested_at TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS video_locations (
            video_id TEXT NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
            path TEXT NOT NULL,
            first_seen TEXT NOT NULL,
            PRIMARY KEY (video_id, path)
        );
        CREATE TABLE IF NOT EXISTS shots (
            video_id TEXT NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            start_seconds REAL NOT NULL,
            end_seconds REAL NOT NULL,
            transition TEXT NOT NULL,
            PRIMARY KEY (video_id, idx)
        );
        CREATE TABLE IF NOT EXISTS keyframes (
            video_id TEXT NOT NULL,
            shot_idx INTEGER NOT NULL,
            time_seconds REAL NOT NULL,
            file TEXT NOT NULL,
            width INTEGER NOT NULL,
            height INTEGER NOT NULL,
            PRIMARY KEY (video_id, shot_idx),
            FOREIGN KEY (video_id, shot_idx) REFERENCES shots(video_id, idx) ON DELETE CASCADE
        );
        CREATE TABLE IF NOT EXISTS jobs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            path TEXT NOT NULL,
            status TEXT NOT NULL,
            video_id TEXT,
            total_seconds REAL,
            done_seconds REAL NOT NULL DEFAULT 0,
            error TEXT,
            warnings TEXT,
            created_at TEXT NOT NULL,
            started_at TEXT,
            finished_at TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            owner_pid INTEGER,
            timings TEXT
        );
        CREATE INDEX IF NOT EXISTS jobs_status ON jobs(status);
        """;
}
