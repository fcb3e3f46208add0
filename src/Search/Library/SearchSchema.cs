using Cbvr.Ingest.Catalog;

namespace Cbvr.Search.Library;

/// <summary>
/// The search layer's tables in the catalog: a change feed filled by triggers (a video added or deleted, an analysis step
/// written by ingest, re-extraction or concept training), and stable ordinals for videos and concepts, the keys of the index
/// files. The indexes record the last change they hold, so they catch up after a crash by replaying the feed.
/// </summary>
public sealed class SearchSchema : ICatalogSchemaPart
{
    public string Component => "search";

    public int Version => 1;

    public string Sql => """
        CREATE TABLE IF NOT EXISTS search_changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, video_id TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS search_videos (ordinal INTEGER PRIMARY KEY AUTOINCREMENT, video_id TEXT NOT NULL UNIQUE);
        CREATE TABLE IF NOT EXISTS search_concepts (ordinal INTEGER PRIMARY KEY AUTOINCREMENT, concept TEXT NOT NULL UNIQUE);
        CREATE TRIGGER IF NOT EXISTS search_video_added AFTER INSERT ON videos
            BEGIN INSERT INTO search_changes (video_id) VALUES (NEW.id); END;
        CREATE TRIGGER IF NOT EXISTS search_video_removed AFTER DELETE ON videos
            BEGIN INSERT INTO search_changes (video_id) VALUES (OLD.id); END;
        CREATE TRIGGER IF NOT EXISTS search_step_written AFTER INSERT ON analysis_steps
            BEGIN INSERT INTO search_changes (video_id) VALUES (NEW.video_id); END;
        CREATE TRIGGER IF NOT EXISTS search_step_updated AFTER UPDATE ON analysis_steps
            BEGIN INSERT INTO search_changes (video_id) VALUES (NEW.video_id); END;
        """;
}
