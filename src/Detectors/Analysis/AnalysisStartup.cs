using Cbvr.Detectors.Storage;
using Cbvr.Features.Inference;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cbvr.Detectors.Analysis;

/// <summary>
/// At start: verifies every model file (a corrupt or missing one stops the start with an error naming it), logs the inference
/// provider and which steps run, and refreshes the built-in concepts of the bank from the runnable detectors.
/// </summary>
public sealed class AnalysisStartup(AnalysisSteps steps, InferenceHost host, ConceptBank bank, ILogger<AnalysisStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!steps.Enabled)
        {
            logger.LogInformation("analysis: off (Analysis:Enabled=false); ingest stores shots and keyframes only");
            return Task.CompletedTask;
        }

        host.Registry.Verify();
        var described = steps.Describe();
        logger.LogInformation(
            "analysis steps: {Runs}{Off}",
            string.Join(", ", described.Where(s => s.Runs).Select(s => s.Id)),
            described.Any(s => !s.Runs) ? "; not running: " + string.Join(", ", described.Where(s => !s.Runs).Select(s => $"{s.Id} ({s.DisabledReason ?? "switched off"})")) : "");
        if (described.Any(s => s.Runs && s.ModelHash.Length > 0))
        {
            _ = host.ProviderDescription; // logs "inference: CPU (...)" or "inference: CUDA ..."
        }

        foreach (var detector in steps.Detectors)
        {
            var runs = steps.IsEnabled(detector.Id) && detector.DisabledReason is null;
            bank.Replace(detector.Id, runs ? detector.Concepts : [], detector.Id == Concepts.TrainedConcept.Detector ? BankConcept.Trained : BankConcept.BuiltIn);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
