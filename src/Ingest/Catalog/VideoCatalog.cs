using Cbvr.Ingest.Shots;
using Microsoft.Data.Sqlite;

namespace Cbvr.Ingest.Catalog;

/// <summary>Videos, their locations, shots and keyframes in the catalog.</summary>
public sealed class VideoCatalog(CatalogDatabase database)
{
    private const string VideoColumns = """
        v.id, v.path, v.file_name, v.size_bytes, v.container, v.duration_seconds, v.width, v.height, v.fps, v.video_codec,
        v.audio_codec, v.rotation, v.has_audio, v.frame_width, v.frame_height, v.sampled_fps, v.ingested_at,
        (SELECT COUNT(*) FROM shots s WHERE s.video_id = v.id)
        """;

    public VideoRecord? Find(string id)
    {
        using var connection = database.Open();
        using var command = connection.Command($"SELECT {VideoColumns} FROM videos v WHERE v.id = $id", null, ("$id", id));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadVideo(reader) : null;
    }

    /// <summary>The video whose id is <paramref name="idOrPrefix"/> or the only one starting with it; null when none or ambiguous.</summary>
    public VideoRecord? FindByPrefix(string idOrPrefix)
    {
        if (idOrPrefix.Length == 0 || !idOrPrefix.All(char.IsAsciiHexDigit))
        {
            return null;
        }

        using var connection = database.Open();
        using var command = connection.Command(
            $"SELECT {VideoColumns} FROM videos v WHERE v.id >= $p AND v.id < $p || 'g' ORDER BY v.id LIMIT 2", null, ("$p", idOrPrefix.ToLowerInvariant()));
        using var reader = command.ExecuteReader();
        var first = reader.Read() ? ReadVideo(reader) : null;
        return first is not null && !reader.Read() ? first : null;
    }

    public int Count()
    {
        using var connection = database.Open();
        using var command = connection.Command("SELECT COUNT(*) FROM videos");
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Videos ordered by <paramref name="sort"/> ("ingested", "name", "duration"), newest or largest first unless ascending.</summary>
    public IReadOnlyList<VideoRecord> List(int offset = 0, int limit = int.MaxValue, string sort = "ingested", bool ascending = false)
    {
        var column = sort switch
        {
            "name" => "v.file_name",
            "duration" => "v.duration_seconds",
            _ => "v.ingested_at",
        };
        using var connection = database.Open();
        using var command = connection.Command(
            $"SELECT {VideoColumns} FROM videos v ORDER BY {column} {(ascending ? "ASC" : "DESC")}, v.id LIMIT $limit OFFSET $offset",
            null,
            ("$limit", limit),
            ("$offset", offset));
        using var reader = command.ExecuteReader();
        var list = new List<VideoRecord>();
        while (reader.Read())
        {
            list.Add(ReadVideo(reader));
        }

        return list;
    }

    public IReadOnlyList<ShotRecord> Shots(string videoId)
    {
        using var connection = database.Open();
        using var command = connection.Command(
            """
            SELECT s.idx, s.start_seconds, s.end_seconds, s.transition, k.time_seconds, k.file
            FROM shots s LEFT JOIN keyframes k ON k.video_id = s.video_id AND k.shot_idx = s.idx
            WHERE s.video_id = $id ORDER BY s.idx
            """,
            null,
            ("$id", videoId));
        using var reader = command.ExecuteReader();
        var list = new List<ShotRecord>();
        while (reader.Read())
        {
            list.Add(new ShotRecord(
                reader.GetInt32(0),
                reader.GetDouble(1),
                reader.GetDouble(2),
                Enum.Parse<TransitionKind>(reader.GetString(3), ignoreCase: true),
                Sql.ReadOptionalDouble(reader, 4),
                Sql.ReadOptionalString(reader, 5)));
        }

        return list;
    }

    /// <summary>All paths the video has been seen at.</summary>
    public IReadOnlyList<string> Locations(string videoId)
    {
        using var connection = database.Open();
        using var command = connection.Command("SELECT path FROM video_locations WHERE video_id = $id ORDER BY first_seen", null, ("$id", videoId));
        using var reader = command.ExecuteReader();
        var list = new List<string>();
        while (reader.Read())
        {
            list.Add(reader.GetString(0));
        }

        return list;
    }

    /// <summary>Records another path for a known video (a renamed or copied file).</summary>
    public void AddLocation(string videoId, string path)
    {
        using var connection = database.Open();
        InsertLocation(connection, null, videoId, path, DateTimeOffset.UtcNow);
    }

    /// <summary>Inserts a video with its shots and keyframes inside <paramref name="transaction"/>.</summary>
    internal static void Insert(SqliteConnection connection, SqliteTransaction transaction, VideoRecord video, IReadOnlyList<ShotRecord> shots, int keyframeWidth, int keyframeHeight)
    {
        using (var command = connection.Command(
            """
            INSERT INTO videos (id, path, file_name, size_bytes, container, duration_seconds, width, height, fps, video_codec, audio_codec,
                rotation, has_audio, frame_width, frame_height, sampled_fps, ingested_at)
            VALUES ($id, $path, $name, $size, $container, $duration, $w, $h, $fps, $vcodec, $acodec, $rot, $audio, $fw, $fh, $sfps, $t)
            """,
            transaction,
            ("$id", video.Id),
            ("$path", video.Path),
            ("$name", video.FileName),
            ("$size", video.SizeBytes),
            ("$container", video.Container),
            ("$duration", video.DurationSeconds),
            ("$w", video.Width),
            ("$h", video.Height),
            ("$fps", video.FramesPerSecond),
            ("$vcodec", video.VideoCodec),
            ("$acodec", video.AudioCodec),
            ("$rot", video.Rotation),
            ("$audio", video.HasAudio ? 1 : 0),
            ("$fw", video.FrameWidth),
            ("$fh", video.FrameHeight),
            ("$sfps", video.SampledFramesPerSecond),
            ("$t", Sql.Timestamp(video.IngestedAt))))
        {
            command.ExecuteNonQuery();
        }

        InsertLocation(connection, transaction, video.Id, video.Path, video.IngestedAt);

        using var shot = connection.Command("INSERT INTO shots (video_id, idx, start_seconds, end_seconds, transition) VALUES ($id, $i, $s, $e, $k)", transaction);
        using var key = connection.Command("INSERT INTO keyframes (video_id, shot_idx, time_seconds, file, width, height) VALUES ($id, $i, $t, $f, $w, $h)", transaction);
        foreach (var s in shots)
        {
            shot.Parameters.Clear();
            shot.Parameters.AddWithValue("$id", video.Id);
            shot.Parameters.AddWithValue("$i", s.Index);
            shot.Parameters.AddWithValue("$s", s.StartSeconds);
            shot.Parameters.AddWithValue("$e", s.EndSeconds);
            shot.Parameters.AddWithValue("$k", s.Transition.ToString().ToLowerInvariant());
            shot.ExecuteNonQuery();
            if (s.KeyframeSeconds is { } kt && s.KeyframeFile is { } file)
            {
                key.Parameters.Clear();
                key.Parameters.AddWithValue("$id", video.Id);
                key.Parameters.AddWithValue("$i", s.Index);
                key.Parameters.AddWithValue("$t", kt);
                key.Parameters.AddWithValue("$f", file);
                key.Parameters.AddWithValue("$w", keyframeWidth);
                key.Parameters.AddWithValue("$h", keyframeHeight);
                key.ExecuteNonQuery();
            }
        }
    }

    private static void InsertLocation(SqliteConnection connection, SqliteTransaction? transaction, string videoId, string path, DateTimeOffset seen)
    {
        using var command = connection.Command(
            "INSERT OR IGNORE INTO video_locations (video_id, path, first_seen) VALUES ($id, $path, $t)",
            transaction,
            ("$id", videoId),
            ("$path", path),
            ("$t", Sql.Timestamp(seen)));
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Removes a video: its rows (shots, keyframes, locations and every later layer's rows cascade) in one transaction, then its
    /// folder. False when no such video. The source file is never touched.
    /// </summary>
    public bool Delete(string videoId, DataDirectory data)
    {
        using (var connection = database.Open())
        using (var tx = connection.BeginTransaction(deferred: false))
        using (var command = connection.Command("DELETE FROM videos WHERE id = $id", tx, ("$id", videoId)))
        {
            if (command.ExecuteNonQuery() == 0)
            {
                return false;
            }

            tx.Commit();
        }

        var folder = data.VideoFolder(videoId);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        return true;
    }

    /// <summary>Ids of all catalogued videos (for start-up clean-up of orphaned folders).</summary>
    public HashSet<string> AllIds()
    {
        using var connection = database.Open();
        using var command = connection.Command("SELECT id FROM videos");
        using var reader = command.ExecuteReader();
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            set.Add(reader.GetString(0));
        }

        return set;
    }

    private static VideoRecord ReadVideo(SqliteDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        r.GetString(2),
        r.GetInt64(3),
        r.GetString(4),
        r.GetDouble(5),
        r.GetInt32(6),
        r.GetInt32(7),
        r.GetDouble(8),
        r.GetString(9),
        Sql.ReadOptionalString(r, 10),
        r.GetInt32(11),
        r.GetInt32(12) != 0,
        r.GetInt32(13),
        r.GetInt32(14),
        r.GetDouble(15),
        Sql.ReadTimestamp(r, 16),
        r.GetInt32(17));
}
