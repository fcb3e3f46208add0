using Cbvr.Search.Library;

namespace Cbvr.Search.Queries;

/// <summary>The videos a query may return, as dense items 0..n-1 (what fusion and reranking work on).</summary>
internal sealed class QueryItems
{
    private readonly Dictionary<int, int> _indexOf;

    public QueryItems(LibraryView view, SearchFilters filters, IEnumerable<string> exclude, IReadOnlyList<string>? within)
    {
        var excluded = exclude.ToHashSet(StringComparer.Ordinal);
        var only = within?.ToHashSet(StringComparer.Ordinal);
        Ordinals = [.. view.Entries.Values.Where(e => filters.Accepts(e) && !excluded.Contains(e.Id) && (only is null || only.Contains(e.Id))).Select(e => e.Ordinal).Order()];
        _indexOf = new Dictionary<int, int>(Ordinals.Length);
        for (var i = 0; i < Ordinals.Length; i++)
        {
            _indexOf[Ordinals[i]] = i;
        }
    }

    public int[] Ordinals { get; }

    public int Count => Ordinals.Length;

    public bool Contains(int ordinal) => _indexOf.ContainsKey(ordinal);

    public int IndexOf(int ordinal) => _indexOf.TryGetValue(ordinal, out var i) ? i : -1;
}
