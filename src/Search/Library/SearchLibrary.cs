using System.Globalization;
using Cbvr.Ingest;
using Cbvr.Ingest.Catalog;
using Cbvr.Search.Concepts;
using Cbvr.Search.Text;
using Cbvr.Search.Vectors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cbvr.Search.Library;

/// <summary>
/// The searchable library: the text index (Lucene), the concept index and one vector index per space, kept in step with the
/// catalog by replaying its change feed. A committed ingest job is searchable at the next <see cref="Sync"/> (each query calls
/// it); Lucene commits every sync, the concept and vector files are saved atomically at most every
/// <see cref="SearchOptions.SaveIntervalSeconds"/> and on dispose. A crash loses nothing: each index replays the feed from the
/// change it last saved, and a missing or unreadable index file is rebuilt from the catalog.
/// </summary>
public sealed partial class SearchLibrary(
    DataDirectory data,
    CatalogDatabase database,
    VideoCatalog catalog,
    LibraryOrdinals ordinals,
    VideoLoader loader,
    Cbvr.Features.Models.ModelRegistry models,
    IOptions<SearchOptions> options,
    ILogger<SearchLibrary> logger) : IDisposable
{
    private const int BatchSize = 500;

    private readonly ReadWriteGate _lock = new();
    private readonly Lock _syncLock = new();
    private readonly LibraryState _state = new();
    private long _applied;
    private long _saved;
    private DateTime _lastSave = DateTime.UtcNow;
    private bool _opened;
    private bool _damagedVectors;
    private bool _disposed;

    private string IndexFolder => Path.Combine(data.Root, "index");

    private string ConceptFile => Path.Combine(IndexFolder, "concepts.idx");

    private string VectorFile(string space) => Path.Combine(IndexFolder, "vectors", space + ".vec");

    /// <summary>An HNSW file; its sequence is in a sidecar (USearch's file has no room for it).</summary>
    private string AnnFile(string space) => Path.Combine(IndexFolder, "vectors", space + ".hnsw");

    /// <summary>The last change of the feed the in-memory indexes hold.</summary>
    public long AppliedSequence => Interlocked.Read(ref _applied);

    /// <summary>A consistent read view of every index; dispose it promptly (it holds a read lock).</summary>
    public LibraryView Read()
    {
        Sync();
        _lock.EnterRead();
        return new LibraryView(_state, ordinals, () => _lock.ExitRead());
    }

    /// <summary>Applies every pending change of the catalog; returns how many videos changed.</summary>
    public int Sync()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_syncLock)
        {
            Open();
            var total = 0;
            while (PendingChanges(_applied) is { Count: > 0 } changes)
            {
                total += Apply(changes.Select(c => c.VideoId).Distinct(StringComparer.Ordinal).ToList(), changes[^1].Seq);
            }

            EnsureAnn();
            if (_applied > _saved && (DateTime.UtcNow - _lastSave).TotalSeconds >= options.Value.SaveIntervalSeconds)
            {
                SaveLocked();
            }

            return total;
        }
    }

    /// <summary>Saves the concept and vector files now (and prunes the change feed they no longer need).</summary>
    public void Save()
    {
        lock (_syncLock)
        {
            if (_opened && _applied > _saved)
            {
                SaveLocked();
            }
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            Save();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogSaveFailed(logger, e.Message);
        }

        _disposed = true;
        _state.Dispose();
    }

    private void Open()
    {
        if (_opened)
        {
            return;
        }

        ordinals.Load();
        if (!models.ForTask(Cbvr.Features.Models.ModelTasks.ImageTextEmbedding).Any())
        {
            LogNoJointModel(logger);
        }

        Directory.CreateDirectory(Path.Combine(IndexFolder, "vectors"));
        var pruned = PrunedThrough();
        _state.Text = TextIndex.Open(Path.Combine(IndexFolder, "text"));
        var sequences = new List<long> { _state.Text.CommittedSequence };
        _state.Concepts = TryLoad(ConceptFile, path => ConceptIndex.Load(path, out var s) is var index ? (index, s) : default, sequences);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(IndexFolder, "vectors"), "*.vec"))
        {
            if (TryLoad(file, path => VectorIndex.Open(path, out var s) is var index ? (index, s) : default, sequences) is { } vectors)
            {
                _state.Vectors[Path.GetFileNameWithoutExtension(file)] = vectors;
            }
            else
            {
                // An unreadable vector file loses that space for every video: rebuild rather than search without it.
                _damagedVectors = true;
            }
        }

        foreach (var space in _state.Vectors.Where(v => v.Value.Count >= options.Value.AnnMinVectors).Select(v => v.Key).ToList())
        {
            if (File.Exists(AnnFile(space)) && File.Exists(AnnFile(space) + ".seq")
                && TryLoad(AnnFile(space), path => (AnnIndex.Load(path, new AnnOptions()), long.Parse(File.ReadAllText(path + ".seq"), CultureInfo.InvariantCulture)), sequences) is { } ann)
            {
                _state.Ann[space] = ann;
            }
        }

        var start = sequences.Min();
        if (_state.Concepts is null || _damagedVectors || start < pruned)
        {
            LogRebuild(logger, IndexFolder);
            _state.Dispose();
            Directory.Delete(IndexFolder, recursive: true);
            Directory.CreateDirectory(Path.Combine(IndexFolder, "vectors"));
            _state.Text = TextIndex.Open(Path.Combine(IndexFolder, "text"));
            _state.Concepts = new ConceptIndex();
            _opened = true;
            var current = LastSequence();
            var ids = catalog.AllIds().Order(StringComparer.Ordinal).ToList();
            for (var i = 0; i < ids.Count; i += BatchSize)
            {
                Apply(ids.GetRange(i, Math.Min(BatchSize, ids.Count - i)), through: null);
            }

            _state.Text.Commit(current);
            _applied = current;
            SaveLocked();
            return;
        }

        _state.LoadEntries(database);
        _applied = start;
        _saved = start;
        _opened = true;
        LogOpened(logger, _state.Entries.Count, start);
    }

    private T? TryLoad<T>(string path, Func<string, (T Index, long Sequence)> load, List<long> sequences)
        where T : class
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var (index, sequence) = load(path);
            sequences.Add(sequence);
            return index;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or InvalidOperationException or FormatException)
        {
            LogUnreadable(logger, path, e.Message);
            return null;
        }
    }

    /// <summary>Loads the videos outside the write lock, then swaps them into the indexes; with <paramref name="through"/>, commits the text index at that change.</summary>
    private int Apply(IReadOnlyList<string> videoIds, long? through)
    {
        var loaded = new List<(string Id, int Ordinal, IndexedVideo? Video)>(videoIds.Count);
        foreach (var id in videoIds)
        {
            if (catalog.Find(id) is not { } video)
            {
                loaded.Add((id, ordinals.TryVideo(id, out var known) ? known : -1, null));
                continue;
            }

            var ordinal = ordinals.Video(id);
            loaded.Add((id, ordinal, loader.Load(video, ordinal)));
        }

        var adjusted = loaded.Where(l => l.Video is not null).ToDictionary(l => l.Ordinal, l => AdjustConcepts(l.Video!.Concepts));
        _lock.EnterWrite();
        try
        {
            foreach (var (id, ordinal, video) in loaded)
            {
                if (video is null)
                {
                    _state.Remove(id, ordinal);
                }
                else
                {
                    _state.Upsert(video, adjusted[ordinal], logger);
                }
            }

            if (through is { } applied)
            {
                _applied = applied;
            }
        }
        finally
        {
            _lock.ExitWrite();
        }

        if (through is { } sequence)
        {
            _state.Text!.Commit(sequence);
        }

        return loaded.Count;
    }

    /// <summary>Concept adjustment (ALGORITHMS.md 5): the prox with one group per detector, then the strongest few (as concept ordinals).</summary>
    public (int[] Concepts, float[] Values) AdjustConcepts(IReadOnlyDictionary<string, float> concepts)
    {
        var ids = concepts.Keys.ToArray();
        var groups = ids.Select(id => id[..Math.Max(0, id.IndexOf(':', StringComparison.Ordinal))]).ToArray();
        var groupNames = groups.Distinct(StringComparer.Ordinal).ToList();
        var groupOf = groups.Select(g => groupNames.IndexOf(g)).ToArray();
        var raw = ids.Select(id => concepts[id]).ToArray();
        var adjusted = new float[raw.Length];
        ConceptAdjustment.Adjust(raw, groupOf, groupNames.Count, options.Value.AdjustmentAlpha, options.Value.AdjustmentBeta, adjusted);
        var kept = Enumerable.Range(0, ids.Length).Where(i => adjusted[i] > 0).OrderByDescending(i => adjusted[i]).ThenBy(i => ids[i], StringComparer.Ordinal)
            .Take(options.Value.ConceptsPerVideo).ToList();
        return ([.. kept.Select(i => ordinals.Concept(ids[i]))], [.. kept.Select(i => adjusted[i])]);
    }

    /// <summary>Builds the HNSW index of each space that reached <see cref="SearchOptions.AnnMinVectors"/> (logged: minutes at 1M).</summary>
    private void EnsureAnn()
    {
        foreach (var (space, index) in _state.Vectors.ToList())
        {
            if (_state.Ann.ContainsKey(space) || index.Count < options.Value.AnnMinVectors)
            {
                continue;
            }

            var clock = System.Diagnostics.Stopwatch.StartNew();
            var ann = AnnIndex.Build(index, new AnnOptions());
            _lock.EnterWrite();
            try
            {
                _state.Ann[space] = ann;
            }
            finally
            {
                _lock.ExitWrite();
            }

            LogAnnBuilt(logger, space, index.Count, clock.Elapsed.TotalSeconds);
            SaveLocked();
        }
    }

    private void SaveLocked()
    {
        _lock.EnterRead();
        try
        {
            _state.Concepts!.Save(ConceptFile, _applied);
            foreach (var (space, index) in _state.Vectors)
            {
                index.Save(VectorFile(space), _applied);
            }

            foreach (var (space, ann) in _state.Ann)
            {
                ann.Save(AnnFile(space));
                File.WriteAllText(AnnFile(space) + ".seq", _applied.ToString(CultureInfo.InvariantCulture));
            }
        }
        finally
        {
            _lock.ExitRead();
        }

        _saved = _applied;
        _lastSave = DateTime.UtcNow;
        using var connection = database.Open();
        using var prune = connection.Command("DELETE FROM search_changes WHERE seq <= $s", null, ("$s", _saved));
        prune.ExecuteNonQuery();
    }

    private List<(long Seq, string VideoId)> PendingChanges(long after)
    {
        using var connection = database.Open();
        using var command = connection.Command("SELECT seq, video_id FROM search_changes WHERE seq > $s ORDER BY seq LIMIT $n", null, ("$s", after), ("$n", BatchSize));
        using var reader = command.ExecuteReader();
        var list = new List<(long, string)>();
        while (reader.Read())
        {
            list.Add((reader.GetInt64(0), reader.GetString(1)));
        }

        return list;
    }

    /// <summary>The last change ever written (0 when none).</summary>
    private long LastSequence()
    {
        using var connection = database.Open();
        using var command = connection.Command("SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'search_changes'), 0)");
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Changes up to this sequence were pruned from the feed: an index older than that must be rebuilt.</summary>
    private long PrunedThrough()
    {
        using var connection = database.Open();
        using var command = connection.Command("SELECT MIN(seq) FROM search_changes");
        return command.ExecuteScalar() is long first ? first - 1 : LastSequence();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "search index: {Videos} videos, caught up from change {Sequence}")]
    private static partial void LogOpened(ILogger logger, int videos, long sequence);

    [LoggerMessage(Level = LogLevel.Information, Message = "search index: HNSW index of {Space} built over {Vectors} vectors in {Seconds:0.0} s")]
    private static partial void LogAnnBuilt(ILogger logger, string space, int vectors, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "search: no joint text-image model (task image-text-embedding) in the models or the pack; text queries use concepts and text only")]
    private static partial void LogNoJointModel(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "search index: building {Folder} from the catalog")]
    private static partial void LogRebuild(ILogger logger, string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "search index: {Path} is unreadable ({Reason}); rebuilding it from the catalog")]
    private static partial void LogUnreadable(ILogger logger, string path, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "search index: could not save ({Reason}); it will catch up from the catalog at the next start")]
    private static partial void LogSaveFailed(ILogger logger, string reason);
}
