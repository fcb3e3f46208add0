namespace Cbvr.Search.Grouping;

/// <summary>One hit inside a <see cref="ResultGroup"/>.</summary>
/// <param name="Item">Index of the hit in the ranked list that was grouped (0 = best).</param>
/// <param name="Score">The hit's retrieval score.</param>
public sealed record GroupMember(int Item, float Score);
