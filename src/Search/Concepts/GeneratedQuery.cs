namespace Cbvr.Search.Concepts;

/// <summary>The concepts a text maps to (best first) and the candidate terms it was read as.</summary>
public sealed record GeneratedQuery(IReadOnlyList<QueryConcept> Concepts, IReadOnlyList<string> Terms);
