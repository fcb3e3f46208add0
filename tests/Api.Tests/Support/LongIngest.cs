using System.Diagnostics;
using System.Globalization;
using Cbvr.Tests;
using Microsoft.Data.Sqlite;

namespace Cbvr.Api.Tests;

/// <summary>A clip that takes seconds to ingest, and a look into the catalog file while a CLI process works on it.</summary>
public static class LongIngest
{
    public const int ClipSeconds = 400;

    /// <summary>400 s of 640x480 test pattern (about 8 s to ingest on 2 cores): 20 s encoded once, then looped by stream copy.</summary>
    public static Task<string> ClipAsync() => TestMedia.CachedAsync($"long-640x480-{ClipSeconds}s.mp4", async path =>
    {
        var segment = path + ".segment.mp4";
        await TestMedia.FfmpegAsync("-f", "lavfi", "-i", "testsrc=size=640x480:rate=25:duration=20", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "25", segment);
        await TestMedia.FfmpegAsync("-stream_loop", ((ClipSeconds / 20) - 1).ToString(CultureInfo.InvariantCulture), "-i", segment, "-c", "copy", path);
        File.Delete(segment);
    });

    /// <summary>Polls DATA/catalog.db until a job is running with progress recorded (decoding); returns its id.</summary>
    public static async Task<long> WaitUntilDecodingAsync(ChildProcess ingest, string data)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            Assert.False(ingest.HasExited, "ingest ended before it could be interrupted mid-decode (make the clip longer): " + ingest.StandardError);
            if (File.Exists(Path.Combine(data, "catalog.db")))
            {
                try
                {
                    if (Scalar(data, "SELECT id FROM jobs WHERE status = 'running' AND done_seconds > 0") is long id)
                    {
                        return id;
                    }
                }
                catch (SqliteException)
                {
                    // the catalog is being created
                }
            }

            await Task.Delay(25);
        }

        throw new TimeoutException("the ingest job never reported progress: " + ingest.StandardError);
    }

    /// <summary>One value from the catalog, read-only and unpooled (no handle outlives the call).</summary>
    public static object? Scalar(string data, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(data, "catalog.db"),
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
