namespace Cbvr.Detectors.Training;

/// <summary>The chosen model and the whole schedule that produced it.</summary>
public sealed record SelfPacedResult(LinearConceptModel Model, IReadOnlyList<AgeRecord> Ages);
