namespace Cbvr.Search.Concepts;

/// <summary>A concept as the query generator sees it: its ordinal in the index, id, name, synonyms and description.</summary>
public sealed record ConceptText(int Ordinal, string Id, string Name, IReadOnlyList<string> Synonyms, string Description);
