namespace Cbvr.Search.Text;

/// <summary>Two query terms that stood <paramref name="Distance"/> positions apart in the query.</summary>
internal readonly record struct TermPair(string First, string Second, int Distance);
