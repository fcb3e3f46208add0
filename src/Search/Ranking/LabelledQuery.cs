namespace Cbvr.Search.Ranking;

/// <summary>One event of a labelled set: every modality's scores over the same items, and which items are relevant.</summary>
public sealed record LabelledQuery(string Name, IReadOnlyList<ModalityScores> Modalities, bool[] Relevant);
