using Cbvr.Detectors.Analysis;
using Cbvr.Detectors.Storage;
using Cbvr.Detectors.Tests.Analysis;
using Cbvr.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cbvr.Detectors.Tests.Storage;

/// <summary>The concept bank as the start-up fills it from the detectors that can run, with and without the model pack.</summary>
public sealed class ConceptBankTests
{
    private static Task StartAsync(TestHost host) =>
        host.Services.GetServices<IHostedService>().OfType<AnalysisStartup>().Single().StartAsync(CancellationToken.None);

    private static Dictionary<string, int> CountByDetector(ConceptBank bank) =>
        bank.List().GroupBy(c => c.Detector).ToDictionary(g => g.Key, g => g.Count());

    [Fact]
    public async Task WithThePack_TheStartFillsTheBankWithEveryDetectorsConcepts_AndAgainWithoutDuplicates()
    {
        Assert.True(TestModels.HasPack, $"model pack not found at {TestModels.PackDirectory}");
        using var host = AnalysisHost.Create(withPack: true);
        var bank = host.Get<ConceptBank>();
        Assert.Empty(bank.List());

        await StartAsync(host);
        var counts = CountByDetector(bank);
        Assert.Equal(1000, counts["imagenet"]);
        Assert.Equal(80, counts["coco"]);
        Assert.Equal(20, counts["voc"]);
        Assert.Equal(1, counts["faces"]);
        Assert.Equal(1, counts["speech"]);
        Assert.Equal(["coco", "faces", "imagenet", "speech", "voc"], counts.Keys.Order(StringComparer.Ordinal));
        Assert.All(bank.List(), c => Assert.Equal(BankConcept.BuiltIn, c.Kind));
        Assert.All(bank.List(), c => Assert.StartsWith(c.Detector + ":", c.Id, StringComparison.Ordinal));

        var shark = bank.Find("imagenet:great_white_shark");
        Assert.NotNull(shark);
        Assert.Equal("great white shark", shark.Name);
        Assert.Contains("white shark", shark.Synonyms);
        Assert.Contains("man-eater", shark.Synonyms);
        Assert.Contains("ImageNet class", shark.Description, StringComparison.Ordinal);
        Assert.Equal("dog", bank.Find("coco:dog")?.Name);
        Assert.NotNull(bank.Find("voc:person"));
        Assert.Contains("human face", bank.Find("faces:face")!.Synonyms);
        Assert.Contains("talking", bank.Find("speech:speech")!.Synonyms);
        Assert.Equal(2, bank.List().Count(c => c.Id.StartsWith("imagenet:crane", StringComparison.Ordinal))); // two ImageNet cranes, both kept

        var before = bank.List();
        await StartAsync(host);
        Assert.Equal(before, bank.List(), BankConceptComparer.Instance);
    }

    [Fact]
    public async Task WithoutThePack_ItsDetectorsHaveNoConcepts_AndTheirOldConceptsAreDropped()
    {
        using var withPack = AnalysisHost.Create(withPack: true);
        await StartAsync(withPack);
        Assert.Equal(1000, withPack.Get<ConceptBank>().List("imagenet").Count);

        // The same data directory started again without the pack: the bank follows what can run now.
        using (var without = AnalysisHost.Create(withPack: false, new Dictionary<string, string?> { ["Storage:DataDirectory"] = withPack.DataDirectory }))
        {
            await StartAsync(without);
            var bank = without.Get<ConceptBank>();
            foreach (var detector in new[] { "imagenet", "coco", "voc" })
            {
                Assert.Empty(bank.List(detector));
            }

            Assert.Equal(["faces:face", "speech:speech"], bank.List().Select(c => c.Id));
        }
    }

    [Fact]
    public async Task ASwitchedOffDetector_HasNoConcepts()
    {
        using var host = AnalysisHost.Create(withPack: true, new Dictionary<string, string?> { ["Analysis:Disabled:0"] = "imagenet", ["Analysis:Disabled:1"] = "faces" });
        await StartAsync(host);
        var counts = CountByDetector(host.Get<ConceptBank>());
        Assert.False(counts.ContainsKey("imagenet"));
        Assert.False(counts.ContainsKey("faces"));
        Assert.Equal(80, counts["coco"]);
    }

    /// <summary>Compares bank rows by value (the synonym lists are arrays).</summary>
    private sealed class BankConceptComparer : IEqualityComparer<BankConcept>
    {
        public static readonly BankConceptComparer Instance = new();

        public bool Equals(BankConcept? x, BankConcept? y) =>
            x is not null && y is not null && (x.Id, x.Detector, x.Name, x.Description, x.Kind) == (y.Id, y.Detector, y.Name, y.Description, y.Kind)
            && x.Synonyms.SequenceEqual(y.Synonyms);

        public int GetHashCode(BankConcept obj) => obj.Id.GetHashCode(StringComparison.Ordinal);
    }
}
