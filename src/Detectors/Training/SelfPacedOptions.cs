namespace Cbvr.Detectors.Training;

/// <summary>Settings of <see cref="SelfPacedTrainer"/>; defaults follow ALGORITHMS.md §3.</summary>
public sealed record SelfPacedOptions
{
    public SelfPacedRule Rule { get; init; } = SelfPacedRule.Mixture;

    /// <summary>Quantile p0 of each class's losses that sets the first age (mixture: λ2; λ1 is the min(1, 1.5 p0) quantile).</summary>
    public double StartQuantile { get; init; } = 0.5;

    /// <summary>Age growth μ per step (λ &lt;- μ λ), in [1.1, 1.3].</summary>
    public double Growth { get; init; } = 1.2;

    /// <summary>Stop once this fraction of the items is selected and the weights have settled.</summary>
    public double MaxSelectedFraction { get; init; } = 0.95;

    /// <summary>Stop once ||w_t - w_{t-1}|| / max(1, ||w_{t-1}||) is below this (with the fraction reached).</summary>
    public double WeightTolerance { get; init; } = 1e-4;

    /// <summary>Most self-paced ages after the initial full-data model.</summary>
    public int MaxAges { get; init; } = 15;

    /// <summary>L2 strength of the logistic regression (on standardised features).</summary>
    public double L2 { get; init; } = 1e-3;

    /// <summary>Stratified folds for choosing the age.</summary>
    public int Folds { get; init; } = 5;

    public int Seed { get; init; } = 1;

    /// <summary>SPLD: k-means groups of the training items (fewer for small sets).</summary>
    public int DiversityGroups { get; init; } = 8;

    /// <summary>SPLD: first γ as a multiple of the first λ of each class; grows with λ.</summary>
    public double DiversityGammaRatio { get; init; } = 0.5;
}
