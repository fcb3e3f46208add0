namespace Cbvr.Search.Concepts;

/// <summary>
/// A concept chosen for a query: <see cref="Weight"/> is its share (the kept weights sum to 1), <see cref="Match"/> how the
/// strongest query term reached it (<c>exact</c> name, <c>synonym</c>, or <c>embedding</c> similarity) and <see cref="Term"/> that term.
/// </summary>
public sealed record QueryConcept(int Ordinal, string Id, string Name, float Weight, string Match, string Term);
