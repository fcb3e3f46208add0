using Cbvr.Search.Concepts;

namespace Cbvr.Search.Shots;

/// <summary>The answer of <see cref="ShotSearch.Search"/>.</summary>
/// <param name="Query">The concepts the text was mapped to (semantic query generation).</param>
/// <param name="Shots">The best shots, best first.</param>
/// <param name="CandidateVideos">Videos that had a query concept or a matching text, whose every shot was scored.</param>
/// <param name="ShotsScored">Shots scored in those videos.</param>
/// <param name="Milliseconds">Time the search took.</param>
public sealed record ShotSearchResult(GeneratedQuery Query, IReadOnlyList<ShotHit> Shots, int CandidateVideos, int ShotsScored, long Milliseconds);
