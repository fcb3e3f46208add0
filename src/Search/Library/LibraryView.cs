using Cbvr.Search.Concepts;
using Cbvr.Search.Text;
using Cbvr.Search.Vectors;

namespace Cbvr.Search.Library;

/// <summary>A consistent read view of the library's indexes (holds the library's read lock until disposed).</summary>
public sealed class LibraryView : IDisposable
{
    private readonly LibraryState _state;
    private readonly Action _release;
    private bool _released;

    internal LibraryView(LibraryState state, LibraryOrdinals ordinals, Action release)
    {
        _state = state;
        Ordinals = ordinals;
        _release = release;
    }

    public LibraryOrdinals Ordinals { get; }

    public TextIndex Text => _state.Text!;

    public ConceptIndex Concepts => _state.Concepts!;

    /// <summary>Every searchable video by ordinal.</summary>
    public IReadOnlyDictionary<int, VideoEntry> Entries => _state.Entries;

    public int Count => _state.Entries.Count;

    /// <summary>The vector index of <paramref name="space"/>, null when no video has that feature.</summary>
    public VectorIndex? Vectors(string space) => _state.Vectors.GetValueOrDefault(space);

    public IEnumerable<string> VectorSpaces => _state.Vectors.Keys;

    /// <summary>The HNSW index of <paramref name="space"/>, null while the space is small enough for exact search.</summary>
    public AnnIndex? Ann(string space) => _state.Ann.GetValueOrDefault(space);

    public VideoEntry? Find(string videoId) => _state.OrdinalOf.TryGetValue(videoId, out var ordinal) ? _state.Entries.GetValueOrDefault(ordinal) : null;

    public VideoEntry? Find(int ordinal) => _state.Entries.GetValueOrDefault(ordinal);

    public void Dispose()
    {
        if (!_released)
        {
            _released = true;
            _release();
        }
    }
}
