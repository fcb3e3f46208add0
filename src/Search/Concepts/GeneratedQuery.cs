namespace Cbvr.Search.Concepts;

/// <summary>
/// The concepts a text maps to (best first), the candidate terms it was read as, and how sure the mapping is: the best single
/// match's strength, 1 for an exact or synonym match, (s - τ)/(1 - τ) for an embedding match of cosine s (0 when none).
/// </summary>
public sealed record GeneratedQuery(IReadOnlyList<QueryConcept> Concepts, IReadOnlyList<string> Terms, float Confidence = 0);
