using System.Globalization;
using Cbvr.Detectors.Concepts;
using Cbvr.Detectors.Storage;
using Cbvr.Detectors.Tests.Analysis;
using Cbvr.Ingest.Catalog;
using Cbvr.Tests;
using Xunit.Abstractions;

namespace Cbvr.Detectors.Tests.Concepts;

/// <summary>
/// A concept trained from example videos of the med-dev benchmark (E103, Diving): it separates the positives from the
/// rest under cross-validation, scores every stored video and every video ingested later, and can be removed.
/// </summary>
public sealed class TrainedConceptTests(ITestOutputHelper output)
{
    /// <summary>
    /// Negatives for E103, short clips stored in containers: the shortest such positive of five other events, and seven
    /// unjudged clips, one of them swimming (water, like diving) and one an ASL gesture.
    /// </summary>
    private static readonly string[] Negatives =
    [
        "HVC1052", "HVC1064", "HVC1067", "HVC1073", "HVC1076", // E101, E102, E104, E108, E113
        "HVC1072", "HVC1066", "HVC1044", "HVC1088", "HVC1046", "HVC1040", "HVC1018", // breaststroke, jump, handstand, shoot gun, climb stairs, archery, asl
    ];

    /// <summary>Only what training needs: shots, keyframes, ResNet-18, and the trained-concept detector.</summary>
    private static readonly Dictionary<string, string?> ResNetOnly = new[] { "visual", "mfcc", "speech", "faces", "ocr", "asr", "imagenet", "coco", "voc" }
        .Select((step, i) => (Key: $"Analysis:Disabled:{i}", Value: (string?)step))
        .ToDictionary(p => p.Key, p => p.Value);

    [Fact]
    public async Task DivingTrainedOnMedDev_SeparatesItsPositives_ScoresNewVideos_AndIsRemovedCleanly()
    {
        var collection = MedDev.Collection();
        var positives = MedDev.Positives("E103");
        Assert.Equal(6, positives.Count);
        Assert.All(Negatives, n => Assert.True(collection.ContainsKey(n) && !positives.Contains(n), $"{n} is not a negative of E103 in the collection"));

        using var host = AnalysisHost.Create(withPack: false, ResNetOnly);
        var ids = new Dictionary<string, string>();
        foreach (var clip in positives.Concat(Negatives))
        {
            var job = await AnalysisHost.IngestAsync(host, collection[clip]);
            Assert.True(job.Status == JobStatus.Succeeded, $"{clip}: {job.Error}");
            ids[clip] = job.VideoId!;
        }

        var trainer = host.Get<ConceptTrainer>();
        var store = host.Get<TrainedConceptStore>();
        var bank = host.Get<ConceptBank>();
        var detections = host.Get<DetectionStore>();
        var positiveIds = positives.Select(p => ids[p]).ToList();
        AssertRefused(trainer, store, bank, positiveIds, ids[Negatives[0]]);

        var report = trainer.Train("Diving", positiveIds, []);
        var concept = report.Concept;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{concept.PositiveShots} positive and {concept.NegativeShots} negative shots; cross-validated AP {concept.CrossValidatedAp:0.000}, chance {concept.ChanceAp:0.000}"));
        Assert.Equal(("diving", "user:diving", ids.Count), (concept.Name, concept.Id, report.VideosScored));
        Assert.Equal(positiveIds, concept.Positives);
        Assert.Equal((double)concept.PositiveShots / (concept.PositiveShots + concept.NegativeShots), concept.ChanceAp, 9);
        Assert.True(concept.CrossValidatedAp >= concept.ChanceAp + 0.3, $"cross-validated AP {concept.CrossValidatedAp:0.000} vs chance {concept.ChanceAp:0.000}");
        Assert.True(File.Exists(Path.Combine(store.Folder, "diving.json")));
        var banked = bank.Find("user:diving");
        Assert.NotNull(banked);
        Assert.Equal((TrainedConcept.Detector, BankConcept.Trained, "diving"), (banked.Detector, banked.Kind, banked.Name));

        // Every stored video is scored, and the positives score higher.
        var scores = ids.ToDictionary(kv => kv.Key, kv => Assert.Single(detections.TopConcepts(kv.Value, 10, TrainedConcept.Detector), c => c.Concept == "user:diving").Score);
        var positiveMean = positives.Average(p => scores[p]);
        var negativeMean = Negatives.Average(n => scores[n]);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"best shot score: positives mean {positiveMean:0.000} (min {positives.Min(p => scores[p]):0.000}), negatives mean {negativeMean:0.000} (max {Negatives.Max(n => scores[n]):0.000})"));
        Assert.All(scores.Values, s => Assert.InRange(s, 0f, 1f));
        Assert.True(positiveMean > negativeMean + 0.3, $"positives mean {positiveMean:0.000}, negatives mean {negativeMean:0.000}");

        // A video ingested after training is scored during its ingest (the 1Ex example of E103, itself a dive).
        var later = await AnalysisHost.IngestAsync(host, MedDev.Example("E103"));
        Assert.Equal(JobStatus.Succeeded, later.Status);
        var laterScore = Assert.Single(detections.TopConcepts(later.VideoId!, 10, TrainedConcept.Detector)).Score;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"E103 example ingested after training: {laterScore:0.000}"));
        Assert.True(laterScore >= 0.5 && laterScore > negativeMean + 0.3, $"the diving example scores {laterScore:0.000}, negatives {negativeMean:0.000} on average");
        var step = Assert.Single(detections.Steps(later.VideoId!), s => s.Step == TrainedConcept.Detector);
        Assert.Equal((StepRecord.Succeeded, store.Hash()), (step.Status, step.ModelHash));

        // Removing it removes its file, its bank row and every score.
        Assert.True(trainer.Remove("diving"));
        Assert.False(File.Exists(Path.Combine(store.Folder, "diving.json")));
        Assert.Null(bank.Find("user:diving"));
        Assert.Empty(store.List());
        Assert.All(ids.Values.Append(later.VideoId!), id => Assert.Empty(detections.TopConcepts(id, 10, TrainedConcept.Detector)));
        Assert.False(trainer.Remove("diving"));
    }

    /// <summary>Bad requests fail with a message naming what was wrong, and leave nothing behind.</summary>
    private static void AssertRefused(ConceptTrainer trainer, TrainedConceptStore store, ConceptBank bank, IReadOnlyList<string> positives, string negative)
    {
        var invalid = Assert.Throws<InvalidOperationException>(() => trainer.Train("diving!?", positives, []));
        Assert.Contains("'diving!?'", invalid.Message, StringComparison.Ordinal);

        var both = Assert.Throws<InvalidOperationException>(() => trainer.Train("diving", positives, [negative, positives[2]]));
        Assert.Contains(positives[2][..12], both.Message, StringComparison.Ordinal);
        Assert.Contains("both a positive and a negative", both.Message, StringComparison.Ordinal);

        var unknown = Assert.Throws<InvalidOperationException>(() => trainer.Train("diving", [positives[0], "0badc0ffee00"], []));
        Assert.Contains("'0badc0ffee00'", unknown.Message, StringComparison.Ordinal);

        var few = Assert.Throws<InvalidOperationException>(() => trainer.Train("diving", [positives[0] + ":0"], []));
        Assert.Contains("too few examples", few.Message, StringComparison.Ordinal);
        Assert.Contains("1 positive", few.Message, StringComparison.Ordinal);

        var noShot = Assert.Throws<InvalidOperationException>(() => trainer.Train("diving", [positives[0] + ":999"], []));
        Assert.Contains($"'{positives[0]}:999'", noShot.Message, StringComparison.Ordinal);

        Assert.Empty(store.List());
        Assert.Empty(bank.List(TrainedConcept.Detector));
    }
}
