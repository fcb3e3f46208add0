using Microsoft.Data.Sqlite;

namespace Cbvr.Ingest.Catalog;

/// <summary>Ingest jobs in the catalog. A job's video rows and its "succeeded" state commit in one transaction.</summary>
public sealed class JobStore(CatalogDatabase database)
{
    private const string Columns = "id, path, status, video_id, total_seconds, done_seconds, error, warnings, created_at, started_at, finished_at, attempts, timings";

    public long Create(string path)
    {
        using var connection = database.Open();
        using var command = connection.Command(
            "INSERT INTO jobs (path, status, created_at, owner_pid) VALUES ($p, 'queued', $t, $pid) RETURNING id",
            null,
            ("$p", path),
            ("$pid", Environment.ProcessId),
            ("$t", Sql.Timestamp(DateTimeOffset.UtcNow)));
        return (long)command.ExecuteScalar()!;
    }

    public JobRecord? Find(long id)
    {
        using var connection = database.Open();
        using var command = connection.Command($"SELECT {Columns} FROM jobs WHERE id = $id", null, ("$id", id));
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    /// <summary>Most recent jobs first, optionally only those in <paramref name="status"/>.</summary>
    public IReadOnlyList<JobRecord> List(int limit = 100, JobStatus? status = null)
    {
        using var connection = database.Open();
        using var command = connection.Command(
            $"SELECT {Columns} FROM jobs WHERE $s IS NULL OR status = $s ORDER BY id DESC LIMIT $limit",
            null,
            ("$s", status?.ToString().ToLowerInvariant()),
            ("$limit", limit));
        using var reader = command.ExecuteReader();
        var list = new List<JobRecord>();
        while (reader.Read())
        {
            list.Add(Read(reader));
        }

        return list;
    }

    /// <summary>Marks the job running in this process and counts the attempt.</summary>
    public void MarkRunning(long id)
    {
        using var connection = database.Open();
        using var command = connection.Command(
            "UPDATE jobs SET status = 'running', started_at = $t, attempts = attempts + 1, owner_pid = $pid, error = NULL, done_seconds = 0 WHERE id = $id",
            null,
            ("$id", id),
            ("$t", Sql.Timestamp(DateTimeOffset.UtcNow)),
            ("$pid", Environment.ProcessId));
        command.ExecuteNonQuery();
    }

    /// <summary>Puts an interrupted job back in the queue with no owner, for whichever process starts next.</summary>
    public void Requeue(long id)
    {
        using var connection = database.Open();
        using var command = connection.Command(
            "UPDATE jobs SET status = 'queued', owner_pid = NULL, error = NULL, finished_at = NULL WHERE id = $id",
            null,
            ("$id", id));
        command.ExecuteNonQuery();
    }

    public void UpdateProgress(long id, double done, double? total)
    {
        using var connection = database.Open();
        using var command = connection.Command(
            "UPDATE jobs SET done_seconds = $d, total_seconds = COALESCE($total, total_seconds) WHERE id = $id",
            null,
            ("$id", id),
            ("$d", done),
            ("$total", total));
        command.ExecuteNonQuery();
    }

    /// <summary>Ends a job without a new video (failed, cancelled, or skipped as a duplicate of <paramref name="videoId"/>).</summary>
    public void Finish(long id, JobStatus status, string? error = null, string? videoId = null, string? warnings = null, string? timings = null)
    {
        using var connection = database.Open();
        using var command = FinishCommand(connection, null, id, status, error, videoId, warnings, timings, null);
        command.ExecuteNonQuery();
    }

    internal static SqliteCommand FinishCommand(SqliteConnection connection, SqliteTransaction? transaction, long id, JobStatus status, string? error, string? videoId, string? warnings, string? timings, double? doneSeconds) =>
        connection.Command(
            """
            UPDATE jobs SET status = $s, error = $e, video_id = COALESCE($v, video_id), warnings = $w, timings = $timings,
                finished_at = $t, owner_pid = NULL, done_seconds = COALESCE($done, done_seconds) WHERE id = $id
            """,
            transaction,
            ("$id", id),
            ("$s", status.ToString().ToLowerInvariant()),
            ("$e", error),
            ("$v", videoId),
            ("$w", warnings),
            ("$timings", timings),
            ("$done", doneSeconds),
            ("$t", Sql.Timestamp(DateTimeOffset.UtcNow)));

    /// <summary>
    /// After a crash: jobs owned by a process that no longer exists are taken over. Those that were running go back to
    /// the queue, or fail once they used <paramref name="maxAttempts"/>. Returns the ids of the queued jobs taken over.
    /// Jobs of a live process (a CLI ingest beside the server) are left to it.
    /// </summary>
    public IReadOnlyList<long> Recover(int maxAttempts, Func<int, bool> processAlive)
    {
        using var connection = database.Open();
        using var tx = connection.BeginTransaction();
        var orphans = new List<(long Id, bool Running, int Attempts)>();
        using (var open = connection.Command("SELECT id, status, attempts, owner_pid FROM jobs WHERE status IN ('queued', 'running') ORDER BY id", tx))
        using (var reader = open.ExecuteReader())
        {
            while (reader.Read())
            {
                var pid = reader.IsDBNull(3) ? 0 : reader.GetInt32(3);
                if (pid != Environment.ProcessId && (pid == 0 || !processAlive(pid)))
                {
                    orphans.Add((reader.GetInt64(0), reader.GetString(1) == "running", reader.GetInt32(2)));
                }
            }
        }

        var queued = new List<long>();
        foreach (var (id, running, attempts) in orphans)
        {
            var fail = running && attempts >= maxAttempts;
            using var update = fail
                ? FinishCommand(connection, tx, id, JobStatus.Failed, $"interrupted {attempts} time(s) (the process ended mid-ingest); not retried again", null, null, null, null)
                : connection.Command("UPDATE jobs SET status = 'queued', owner_pid = $pid WHERE id = $id", tx, ("$id", id), ("$pid", Environment.ProcessId));
            update.ExecuteNonQuery();
            if (!fail)
            {
                queued.Add(id);
            }
        }

        tx.Commit();
        return queued;
    }

    private static JobRecord Read(SqliteDataReader r) => new(
        r.GetInt64(0),
        r.GetString(1),
        Enum.Parse<JobStatus>(r.GetString(2), ignoreCase: true),
        Sql.ReadOptionalString(r, 3),
        Sql.ReadOptionalDouble(r, 4),
        r.GetDouble(5),
        Sql.ReadOptionalString(r, 6),
        Sql.ReadOptionalString(r, 7),
        Sql.ReadTimestamp(r, 8),
        Sql.ReadOptionalTimestamp(r, 9),
        Sql.ReadOptionalTimestamp(r, 10),
        r.GetInt32(11),
        Sql.ReadOptionalString(r, 12));
}
