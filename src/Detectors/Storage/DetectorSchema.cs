using Cbvr.Ingest.Catalog;

namespace Cbvr.Detectors.Storage;

/// <summary>
/// Detector results in the catalog: concept scores and texts per shot, the concept bank, and one row per analysis step and
/// video recording what ran (version, model) and whether it failed.
/// </summary>
public sealed class DetectorSchema : ICatalogSchemaPart
{
    public string Component => "detectors";

    public int Version => 1;

    public string Sql => """
        CREATE TABLE IF NOT EXISTS shot_concepts (
            video_id TEXT NOT NULL,
            shot_idx INTEGER NOT NULL,
            concept TEXT NOT NULL,
            score REAL NOT NULL,
            count INTEGER,
            area REAL,
            PRIMARY KEY (video_id, shot_idx, concept),
            FOREIGN KEY (video_id, shot_idx) REFERENCES shots(video_id, idx) ON DELETE CASCADE
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS shot_concepts_by_concept ON shot_concepts(concept, score DESC);
        CREATE TABLE IF NOT EXISTS shot_texts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            video_id TEXT NOT NULL,
            shot_idx INTEGER NOT NULL,
            source TEXT NOT NULL,
            start_seconds REAL NOT NULL,
            end_seconds REAL NOT NULL,
            text TEXT NOT NULL,
            confidence REAL NOT NULL,
            box TEXT,
            FOREIGN KEY (video_id, shot_idx) REFERENCES shots(video_id, idx) ON DELETE CASCADE
        );
        CREATE INDEX IF NOT EXISTS shot_texts_by_video ON shot_texts(video_id, source, start_seconds);
        CREATE TABLE IF NOT EXISTS analysis_steps (
            video_id TEXT NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
            step TEXT NOT NULL,
            version INTEGER NOT NULL,
            model_hash TEXT NOT NULL,
            status TEXT NOT NULL,
            error TEXT,
            duration_ms INTEGER NOT NULL,
            finished_at TEXT NOT NULL,
            PRIMARY KEY (video_id, step)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS concepts (
            id TEXT PRIMARY KEY,
            detector TEXT NOT NULL,
            name TEXT NOT NULL,
            synonyms TEXT NOT NULL,
            description TEXT NOT NULL,
            kind TEXT NOT NULL
        ) WITHOUT ROWID;
        """;
}
