using Cbvr.Detectors.Audio;
using Cbvr.Ingest.Catalog;
using Cbvr.Search.Concepts;
using Cbvr.Search.Text;
using Cbvr.Search.Vectors;
using Microsoft.Extensions.Logging;

namespace Cbvr.Search.Library;

/// <summary>The in-memory indexes and video table that <see cref="SearchLibrary"/> guards with its lock.</summary>
internal sealed class LibraryState : IDisposable
{
    public TextIndex? Text { get; set; }

    public ConceptIndex? Concepts { get; set; }

    public Dictionary<string, VectorIndex> Vectors { get; } = new(StringComparer.Ordinal);

    /// <summary>HNSW indexes of the spaces large enough for one (<see cref="SearchOptions.AnnMinVectors"/>).</summary>
    public Dictionary<string, AnnIndex> Ann { get; } = new(StringComparer.Ordinal);

    public Dictionary<int, VideoEntry> Entries { get; } = [];

    public Dictionary<string, int> OrdinalOf { get; } = new(StringComparer.Ordinal);

    public void Upsert(IndexedVideo video, (int[] Concepts, float[] Values) concepts, ILogger logger)
    {
        var ordinal = video.Entry.Ordinal;
        Entries[ordinal] = video.Entry;
        OrdinalOf[video.Entry.Id] = ordinal;
        Text!.Upsert(video.Text);
        Concepts!.Upsert(ordinal, concepts.Concepts, concepts.Values);
        foreach (var space in VectorSpace.All)
        {
            if (!video.Vectors.TryGetValue(space.Name, out var vector))
            {
                if (Vectors.TryGetValue(space.Name, out var stale))
                {
                    stale.Remove(ordinal);
                }

                if (Ann.TryGetValue(space.Name, out var staleAnn))
                {
                    staleAnn.Remove(ordinal);
                }

                continue;
            }

            if (!Vectors.TryGetValue(space.Name, out var index) || index.Dimensions != vector.Length)
            {
                if (index is not null)
                {
                    logger.LogWarning("search index: {Space} vectors changed from {Old} to {New} dimensions; the old ones are dropped until their videos are re-indexed", space.Name, index.Dimensions, vector.Length);
                    index.Dispose();
                }

                index = new VectorIndex(vector.Length);
                Vectors[space.Name] = index;
                if (Ann.Remove(space.Name, out var oldAnn))
                {
                    oldAnn.Dispose();
                }
            }

            index.Upsert(ordinal, vector);
            if (Ann.TryGetValue(space.Name, out var ann))
            {
                ann.Upsert(ordinal, vector);
            }
        }
    }

    public void Remove(string videoId, int ordinal)
    {
        Text!.Delete(videoId);
        OrdinalOf.Remove(videoId);
        if (ordinal < 0)
        {
            return;
        }

        Entries.Remove(ordinal);
        Concepts!.Remove(ordinal);
        foreach (var index in Vectors.Values)
        {
            index.Remove(ordinal);
        }

        foreach (var ann in Ann.Values)
        {
            ann.Remove(ordinal);
        }
    }

    /// <summary>The video table of the indexed videos, from the catalog (used when the index files were loaded).</summary>
    public void LoadEntries(CatalogDatabase database)
    {
        using var connection = database.Open();
        using var command = connection.Command(
            $"""
            SELECT o.ordinal, v.id, v.file_name, v.duration_seconds, v.ingested_at,
                   (SELECT COUNT(*) FROM shots s WHERE s.video_id = v.id),
                   EXISTS (SELECT 1 FROM shot_texts t WHERE t.video_id = v.id AND t.source = 'asr')
                     OR EXISTS (SELECT 1 FROM shot_concepts c WHERE c.video_id = v.id AND c.concept = '{SpeechDetector.SpeechConcept}' AND c.score >= 0.5),
                   EXISTS (SELECT 1 FROM shot_texts t WHERE t.video_id = v.id AND t.source = 'ocr')
            FROM search_videos o JOIN videos v ON v.id = o.video_id
            """);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var entry = new VideoEntry(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetDouble(3), Sql.ReadTimestamp(reader, 4), reader.GetInt64(6) != 0, reader.GetInt64(7) != 0, reader.GetInt32(5));
            Entries[entry.Ordinal] = entry;
            OrdinalOf[entry.Id] = entry.Ordinal;
        }
    }

    public void Dispose()
    {
        Text?.Dispose();
        Text = null;
        Concepts = null;
        foreach (var index in Vectors.Values)
        {
            index.Dispose();
        }

        Vectors.Clear();
        foreach (var ann in Ann.Values)
        {
            ann.Dispose();
        }

        Ann.Clear();
        Entries.Clear();
        OrdinalOf.Clear();
    }
}
