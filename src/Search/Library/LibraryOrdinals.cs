using Cbvr.Ingest.Catalog;

namespace Cbvr.Search.Library;

/// <summary>Stable dense ordinals for videos and concepts (the keys inside the index files), kept in the catalog.</summary>
public sealed class LibraryOrdinals(CatalogDatabase database)
{
    private readonly Dictionary<string, int> _videos = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _concepts = new(StringComparer.Ordinal);
    private readonly List<string?> _conceptIds = [];
    private readonly Lock _lock = new();

    /// <summary>Concept id by ordinal (null for an unused ordinal).</summary>
    public IReadOnlyList<string?> ConceptIds
    {
        get
        {
            lock (_lock)
            {
                return [.. _conceptIds];
            }
        }
    }

    public int ConceptCount
    {
        get
        {
            lock (_lock)
            {
                return _conceptIds.Count;
            }
        }
    }

    /// <summary>Reads every assigned ordinal.</summary>
    public void Load()
    {
        lock (_lock)
        {
            using var connection = database.Open();
            using (var command = connection.Command("SELECT ordinal, video_id FROM search_videos"))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    _videos[reader.GetString(1)] = reader.GetInt32(0);
                }
            }

            using (var command = connection.Command("SELECT ordinal, concept FROM search_concepts ORDER BY ordinal"))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    Remember(reader.GetString(1), reader.GetInt32(0));
                }
            }
        }
    }

    public int Video(string videoId) => Assign(_videos, "search_videos", "video_id", videoId, null);

    public bool TryVideo(string videoId, out int ordinal)
    {
        lock (_lock)
        {
            return _videos.TryGetValue(videoId, out ordinal);
        }
    }

    public int Concept(string conceptId) => Assign(_concepts, "search_concepts", "concept", conceptId, Remember);

    public bool TryConcept(string conceptId, out int ordinal)
    {
        lock (_lock)
        {
            return _concepts.TryGetValue(conceptId, out ordinal);
        }
    }

    private int Assign(Dictionary<string, int> map, string table, string column, string key, Action<string, int>? remember)
    {
        lock (_lock)
        {
            if (map.TryGetValue(key, out var known))
            {
                return known;
            }

            using var connection = database.Open();
            using (var insert = connection.Command($"INSERT OR IGNORE INTO {table} ({column}) VALUES ($k)", null, ("$k", key)))
            {
                insert.ExecuteNonQuery();
            }

            using var read = connection.Command($"SELECT ordinal FROM {table} WHERE {column} = $k", null, ("$k", key));
            var ordinal = Convert.ToInt32(read.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            map[key] = ordinal;
            remember?.Invoke(key, ordinal);
            return ordinal;
        }
    }

    private void Remember(string conceptId, int ordinal)
    {
        _concepts[conceptId] = ordinal;
        while (_conceptIds.Count <= ordinal)
        {
            _conceptIds.Add(null);
        }

        _conceptIds[ordinal] = conceptId;
    }
}
