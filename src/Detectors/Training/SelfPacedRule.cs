using System.Text.Json.Serialization;

namespace Cbvr.Detectors.Training;

/// <summary>Self-paced regulariser f(v; λ) of ALGORITHMS.md §3, which decides how sample weights follow losses.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SelfPacedRule>))]
public enum SelfPacedRule
{
    /// <summary>v = 1 if l &lt; λ, else 0 (Kumar et al.).</summary>
    Hard,

    /// <summary>v = max(0, 1 - l/λ).</summary>
    Linear,

    /// <summary>v = ln(l + ζ)/ln ζ for l &lt; λ, ζ = 1 - λ (needs λ &lt; 1).</summary>
    Logarithmic,

    /// <summary>v = 1 below λ2, 0 above λ1, ζ(1/l - 1/λ1) between.</summary>
    Mixture,

    /// <summary>SPLD: hard selection plus a group-diversity bonus γ/(√r + √(r-1)) for the r-th easiest item of a group.</summary>
    Diversity,
}
