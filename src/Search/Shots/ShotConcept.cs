namespace Cbvr.Search.Shots;

/// <summary>A query concept found in a shot: its detector score there and its weight in the query (contribution = product).</summary>
/// <param name="Id">Concept id ("coco:dog").</param>
/// <param name="Name">Readable name ("dog").</param>
/// <param name="Score">The detector's score for the concept in the shot, in [0, 1].</param>
/// <param name="Weight">The concept's weight in the generated query (the weights sum to 1).</param>
public sealed record ShotConcept(string Id, string Name, float Score, float Weight);
