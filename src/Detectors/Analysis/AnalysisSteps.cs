using Cbvr.Features.Extractors;
using Microsoft.Extensions.Options;

namespace Cbvr.Detectors.Analysis;

/// <summary>One analysis step as configured: an extractor or a detector, whether it is switched on, and why not when it cannot run.</summary>
public sealed record StepInfo(string Id, string Kind, int Version, string ModelHash, bool Enabled, string? DisabledReason)
{
    public bool Runs => Enabled && DisabledReason is null;
}

/// <summary>The extractors and detectors of this process in run order (features first), filtered by configuration.</summary>
public sealed class AnalysisSteps(IEnumerable<IFeatureExtractor> extractors, IEnumerable<IShotDetector> detectors, IOptions<AnalysisOptions> options)
{
    public IReadOnlyList<IFeatureExtractor> Extractors { get; } = [.. extractors];

    public IReadOnlyList<IShotDetector> Detectors { get; } = [.. detectors];

    public bool Enabled => options.Value.Enabled;

    public bool IsEnabled(string id) => options.Value.Enabled && !options.Value.Disabled.Contains(id, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every step with its state, for logs, <c>cbvr analysis</c> and the API.</summary>
    public IReadOnlyList<StepInfo> Describe() =>
        [
            .. Extractors.Select(e => new StepInfo(e.Id, "features", e.Version, e.ModelHash, IsEnabled(e.Id), e.DisabledReason)),
            .. Detectors.Select(d => new StepInfo(d.Id, "detector", d.Version, d.ModelHash, IsEnabled(d.Id), d.DisabledReason)),
        ];

    public IEnumerable<IFeatureExtractor> RunnableExtractors => Extractors.Where(e => IsEnabled(e.Id) && e.DisabledReason is null);

    public IEnumerable<IShotDetector> RunnableDetectors => Detectors.Where(d => IsEnabled(d.Id) && d.DisabledReason is null);

    /// <summary>Known step ids, for validating user input.</summary>
    public IEnumerable<string> Ids => Extractors.Select(e => e.Id).Concat(Detectors.Select(d => d.Id));
}
