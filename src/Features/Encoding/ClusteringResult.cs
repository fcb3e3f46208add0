namespace Cbvr.Features.Encoding;

/// <summary>Outcome of a clustering run.</summary>
/// <param name="Codebook">Final centres (means of their clusters) and sizes over all rows.</param>
/// <param name="Labels">Cluster of every input row.</param>
/// <param name="Objective">
/// Objective after initialisation and after each iteration, on the rows the iterations ran on (the sample when
/// <see cref="SampleSize"/> &lt; n); never increases.
/// </param>
/// <param name="FinalObjective">Objective over all rows with the final centres.</param>
/// <param name="Iterations">Iterations run on the fitted rows.</param>
/// <param name="SampleSize">Rows the iterations ran on (n when no sampling).</param>
public sealed record ClusteringResult(
    Codebook Codebook, int[] Labels, IReadOnlyList<double> Objective, double FinalObjective, int Iterations, int SampleSize);
