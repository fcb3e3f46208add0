using System.Diagnostics;
using Cbvr.Detectors.Vision;
using Cbvr.Features.Text;
using Cbvr.Search.Concepts;
using Cbvr.Tests;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace Cbvr.Search.Tests.Concepts;

/// <summary>The concept bank of the real label lists (ImageNet, COCO, VOC), embedded once for all tests into a cache file.</summary>
public sealed class LabelBankFixture
{
    public LabelBankFixture()
    {
        Embedder = new TextEmbedder(TestModels.Host, NullLogger<TextEmbedder>.Instance);
        var concepts = new[] { "imagenet", "coco", "voc" }
            .SelectMany(model => ConceptCatalog.FromLabels(model, ConceptCatalog.ReadLabels(Path.Combine(TestModels.PackDirectory, model, "labels.txt")), model))
            .Append(new("faces:face", "face", ["human face", "head", "portrait", "close-up"], "A human face"))
            .Append(new("user:diving", "diving", [], "a user-trained concept"));
        Bank = [.. concepts.Select((c, i) => new ConceptText(i, c.Id, c.Name, c.Synonyms, c.Description))];
        CacheFile = Path.Combine(TestMedia.NewFolder(), "concept-vectors.bin");
        var watch = Stopwatch.StartNew();
        Generator = new SemanticQueryGenerator(Embedder, Bank, CacheFile);
        FirstBuild = watch.Elapsed;
    }

    public TextEmbedder Embedder { get; }

    public IReadOnlyList<ConceptText> Bank { get; }

    public string CacheFile { get; }

    public SemanticQueryGenerator Generator { get; }

    public TimeSpan FirstBuild { get; }
}

public sealed class SemanticQueryGeneratorTests(LabelBankFixture bank, ITestOutputHelper output) : IClassFixture<LabelBankFixture>
{
    private static void AssertNormalised(GeneratedQuery query) => Assert.Equal(1.0, query.Concepts.Sum(c => (double)c.Weight), 4);

    private void Print(GeneratedQuery query) =>
        output.WriteLine(string.Join("\n", query.Concepts.Select(c => $"{c.Id} {c.Weight:F3} {c.Match} '{c.Term}'")));

    [Fact]
    public void Generate_DogShow_PutsADogConceptFirst()
    {
        var query = bank.Generator.Generate("dog show");
        Print(query);

        var first = query.Concepts[0];
        var dogBreed = first.Id.StartsWith("imagenet:", StringComparison.Ordinal) && first.Ordinal is >= 151 and <= 268; // ImageNet's dog classes
        Assert.True(first.Id is "coco:dog" or "voc:dog" || dogBreed, $"first concept {first.Id}");
        Assert.Equal("exact", query.Concepts.First(c => c.Id == "coco:dog").Match);
        AssertNormalised(query);
    }

    [Fact]
    public void Generate_PersonRidingAHorse_IncludesPersonAndHorse()
    {
        var query = bank.Generator.Generate("a person riding a horse");
        Print(query);

        Assert.Contains(query.Concepts, c => c.Id == "coco:horse");
        Assert.Contains(query.Concepts, c => c.Id == "coco:person");
        Assert.Contains("person riding", query.Terms);
        Assert.DoesNotContain("a", query.Terms);
        AssertNormalised(query);
    }

    [Fact]
    public void Generate_HorseRidingEventText_RanksHorseAmongTheTopConcepts()
    {
        var lines = File.ReadAllLines(Path.Combine(TestMedia.RepositoryRoot, "..", "shared", "data", "med-dev", "events", "E105.txt"));
        var title = lines.First(l => l.StartsWith("Event name:", StringComparison.Ordinal))["Event name:".Length..].Trim();
        var text = string.Join('\n', lines.Where(l => !l.StartsWith("Event name:", StringComparison.Ordinal)));

        var watch = Stopwatch.StartNew();
        var query = bank.Generator.Generate(text, title);
        output.WriteLine($"event text: {watch.Elapsed.TotalMilliseconds:F0} ms, {query.Terms.Count} terms");
        Print(query);

        Assert.Contains(query.Concepts.Take(3), c => c.Id is "coco:horse" or "voc:horse");
        Assert.True(query.Concepts.Count <= 10);
        Assert.True(query.Concepts.All(c => c.Weight >= query.Concepts[0].Weight * SemanticQueryGenerator.RelativeCutoff));
        AssertNormalised(query);
    }

    [Fact]
    public void Generate_TitleTermsCountDouble()
    {
        // Horse and pizza are far apart, so each concept's weight comes from its own word alone.
        var plain = bank.Generator.Generate("a horse and a pizza", maxConcepts: 100);
        var titled = bank.Generator.Generate("a pizza", title: "horse", maxConcepts: 100);

        static float W(GeneratedQuery q, string id) => q.Concepts.Single(c => c.Id == id).Weight;
        Assert.Equal(2 * W(plain, "coco:horse") / W(plain, "coco:pizza"), W(titled, "coco:horse") / W(titled, "coco:pizza"), 1e-3);
    }

    [Fact]
    public void Generate_MatchesPluralsAndSynonymsExactly()
    {
        var query = bank.Generator.Generate("two great white sharks and a man-eater");

        var shark = query.Concepts.Single(c => c.Id == "imagenet:great_white_shark");
        Assert.Equal(query.Concepts[0], shark);
        Assert.Equal("exact", shark.Match);
        Assert.Equal("synonym", bank.Generator.Generate("man-eater").Concepts.Single(c => c.Id == "imagenet:great_white_shark").Match);
    }

    [Fact]
    public void Generate_EmptyOrStopWordsOnly_GivesNoConcepts()
    {
        Assert.Empty(bank.Generator.Generate("").Concepts);
        Assert.Empty(bank.Generator.Generate("   ").Concepts);
        Assert.Empty(bank.Generator.Generate("the of and a, is it? 42").Concepts);
    }

    [Fact]
    public void Generator_ReusesTheCachedConceptVectors()
    {
        var watch = Stopwatch.StartNew();
        var again = new SemanticQueryGenerator(bank.Embedder, bank.Bank, bank.CacheFile);
        var cached = watch.Elapsed;
        watch.Restart();
        var line = again.Generate("a person riding a horse");
        output.WriteLine($"bank of {bank.Bank.Count}: {bank.FirstBuild.TotalSeconds:F1} s embedded, {cached.TotalSeconds:F2} s from the cache; one line {watch.Elapsed.TotalMilliseconds:F0} ms");

        Assert.Equal(bank.Generator.Generate("a person riding a horse"), line, new QueryComparer());
    }

    private sealed class QueryComparer : IEqualityComparer<GeneratedQuery>
    {
        public bool Equals(GeneratedQuery? x, GeneratedQuery? y) => x!.Terms.SequenceEqual(y!.Terms) && x.Concepts.SequenceEqual(y.Concepts);

        public int GetHashCode(GeneratedQuery obj) => 0;
    }
}
