using System.Text.Json;
using Cbvr.Ingest.Catalog;
using Microsoft.Data.Sqlite;

namespace Cbvr.Detectors.Storage;

/// <summary>A step of a video's analysis as recorded: what ran, its version and model, whether it failed and why, and how long it took.</summary>
public sealed record StepRecord(string Step, int Version, string ModelHash, string Status, string? Error, long DurationMs, DateTimeOffset FinishedAt)
{
    public const string Succeeded = "ok";
    public const string Failed = "failed";
    public const string Disabled = "disabled";
}

/// <summary>A concept's strongest evidence in a video: best score, in which shot, and the shot count it appears in.</summary>
public sealed record VideoConcept(string Concept, float Score, int Shot, int Shots, int? MaxCount);

/// <summary>A stored text of a shot (OCR line or ASR word).</summary>
public sealed record StoredText(int Shot, string Source, double StartSeconds, double EndSeconds, string Text, float Confidence, BoxF? Box);

/// <summary>Reads and writes detector results in the catalog.</summary>
public sealed class DetectionStore(CatalogDatabase database)
{
    /// <summary>Replaces what detector <paramref name="detector"/> stored for the video with <paramref name="detections"/>.</summary>
    public static void Write(SqliteConnection connection, SqliteTransaction tx, string videoId, string detector, IReadOnlyList<ShotDetections> detections)
    {
        using (var delete = connection.Command("DELETE FROM shot_concepts WHERE video_id = $v AND concept >= $p AND concept < $q", tx, ("$v", videoId), ("$p", detector + ":"), ("$q", detector + ";")))
        {
            delete.ExecuteNonQuery();
        }

        using (var delete = connection.Command("DELETE FROM shot_texts WHERE video_id = $v AND source = $s", tx, ("$v", videoId), ("$s", detector)))
        {
            delete.ExecuteNonQuery();
        }

        using var concept = connection.Command(
            "INSERT OR REPLACE INTO shot_concepts (video_id, shot_idx, concept, score, count, area) VALUES ($v, $s, $c, $score, $n, $a)", tx);
        var (pShot, pConcept, pScore, pCount, pArea) = (Add(concept, "$s"), Add(concept, "$c"), Add(concept, "$score"), Add(concept, "$n"), Add(concept, "$a"));
        concept.Parameters.AddWithValue("$v", videoId);
        using var text = connection.Command(
            "INSERT INTO shot_texts (video_id, shot_idx, source, start_seconds, end_seconds, text, confidence, box) VALUES ($v, $s, $src, $t0, $t1, $text, $conf, $box)", tx);
        var (tShot, tSource, tStart, tEnd, tText, tConf, tBox) = (Add(text, "$s"), Add(text, "$src"), Add(text, "$t0"), Add(text, "$t1"), Add(text, "$text"), Add(text, "$conf"), Add(text, "$box"));
        text.Parameters.AddWithValue("$v", videoId);
        foreach (var shot in detections)
        {
            foreach (var c in shot.Concepts)
            {
                (pShot.Value, pConcept.Value, pScore.Value) = (shot.Shot, c.Concept, (double)c.Score);
                pCount.Value = c.Count is { } n ? n : DBNull.Value;
                pArea.Value = c.Area is { } a ? (double)a : DBNull.Value;
                concept.ExecuteNonQuery();
            }

            foreach (var t in shot.Texts)
            {
                (tShot.Value, tSource.Value, tStart.Value, tEnd.Value, tText.Value, tConf.Value) = (shot.Shot, t.Source, t.StartSeconds, t.EndSeconds, t.Text, (double)t.Confidence);
                tBox.Value = t.Box is { } b ? JsonSerializer.Serialize(new[] { b.X, b.Y, b.Width, b.Height }) : DBNull.Value;
                text.ExecuteNonQuery();
            }
        }
    }

    /// <summary>Records (replaces) the outcome of a step for a video.</summary>
    public static void WriteStep(SqliteConnection connection, SqliteTransaction tx, string videoId, StepRecord step)
    {
        using var command = connection.Command(
            """
            INSERT OR REPLACE INTO analysis_steps (video_id, step, version, model_hash, status, error, duration_ms, finished_at)
            VALUES ($v, $step, $version, $hash, $status, $error, $ms, $at)
            """,
            tx,
            ("$v", videoId), ("$step", step.Step), ("$version", step.Version), ("$hash", step.ModelHash), ("$status", step.Status),
            ("$error", step.Error), ("$ms", step.DurationMs), ("$at", Sql.Timestamp(step.FinishedAt)));
        command.ExecuteNonQuery();
    }

    /// <summary>Runs <paramref name="write"/> in one transaction (used outside ingest, e.g. re-extraction and trained concepts).</summary>
    public void InTransaction(Action<SqliteConnection, SqliteTransaction> write)
    {
        using var connection = database.Open();
        using var tx = connection.BeginTransaction(deferred: false);
        write(connection, tx);
        tx.Commit();
    }

    /// <summary>The video's concepts by best score, at most <paramref name="limit"/>, optionally only those of <paramref name="detector"/>.</summary>
    public IReadOnlyList<VideoConcept> TopConcepts(string videoId, int limit, string? detector = null)
    {
        using var connection = database.Open();
        using var command = connection.Command(
            """
            SELECT concept, MAX(score), COUNT(*), MAX(count),
                   (SELECT s2.shot_idx FROM shot_concepts s2 WHERE s2.video_id = s.video_id AND s2.concept = s.concept ORDER BY s2.score DESC, s2.shot_idx LIMIT 1)
            FROM shot_concepts s
            WHERE video_id = $v AND ($d IS NULL OR (concept >= $d || ':' AND concept < $d || ';'))
            GROUP BY concept ORDER BY MAX(score) DESC, concept LIMIT $n
            """,
            null,
            ("$v", videoId), ("$d", detector), ("$n", limit));
        using var reader = command.ExecuteReader();
        var result = new List<VideoConcept>();
        while (reader.Read())
        {
            result.Add(new VideoConcept(reader.GetString(0), (float)reader.GetDouble(1), reader.GetInt32(4), reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetInt32(3)));
        }

        return result;
    }

    /// <summary>Concept scores of every shot of a video (one query), each shot's best first.</summary>
    public ILookup<int, ConceptScore> ShotConcepts(string videoId)
    {
        using var connection = database.Open();
        using var command = connection.Command(
            "SELECT shot_idx, concept, score, count, area FROM shot_concepts WHERE video_id = $v ORDER BY shot_idx, score DESC, concept", null, ("$v", videoId));
        using var reader = command.ExecuteReader();
        var result = new List<(int Shot, ConceptScore Score)>();
        while (reader.Read())
        {
            result.Add((reader.GetInt32(0), new ConceptScore(reader.GetString(1), (float)reader.GetDouble(2), reader.IsDBNull(3) ? null : reader.GetInt32(3), reader.IsDBNull(4) ? null : (float)reader.GetDouble(4))));
        }

        return result.ToLookup(r => r.Shot, r => r.Score);
    }

    /// <summary>Texts of a video in time order, optionally of one source (<c>ocr</c>, <c>asr</c>).</summary>
    public IReadOnlyList<StoredText> Texts(string videoId, string? source = null)
    {
        using var connection = database.Open();
        using var command = connection.Command(
            "SELECT shot_idx, source, start_seconds, end_seconds, text, confidence, box FROM shot_texts WHERE video_id = $v AND ($s IS NULL OR source = $s) ORDER BY start_seconds, id",
            null,
            ("$v", videoId), ("$s", source));
        using var reader = command.ExecuteReader();
        var result = new List<StoredText>();
        while (reader.Read())
        {
            BoxF? box = null;
            if (!reader.IsDBNull(6) && JsonSerializer.Deserialize<float[]>(reader.GetString(6)) is [var x, var y, var w, var h])
            {
                box = new BoxF(x, y, w, h);
            }

            result.Add(new StoredText(reader.GetInt32(0), reader.GetString(1), reader.GetDouble(2), reader.GetDouble(3), reader.GetString(4), (float)reader.GetDouble(5), box));
        }

        return result;
    }

    /// <summary>The recorded analysis steps of a video.</summary>
    public IReadOnlyList<StepRecord> Steps(string videoId)
    {
        using var connection = database.Open();
        using var command = connection.Command(
            "SELECT step, version, model_hash, status, error, duration_ms, finished_at FROM analysis_steps WHERE video_id = $v ORDER BY step", null, ("$v", videoId));
        using var reader = command.ExecuteReader();
        var result = new List<StepRecord>();
        while (reader.Read())
        {
            result.Add(new StepRecord(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), Sql.ReadOptionalString(reader, 4), reader.GetInt64(5), Sql.ReadTimestamp(reader, 6)));
        }

        return result;
    }

    private static SqliteParameter Add(SqliteCommand command, string name) => command.Parameters.Add(new SqliteParameter { ParameterName = name });
}
