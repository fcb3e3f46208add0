using Cbvr.Detectors.Vision;

namespace Cbvr.Detectors.Tests.Vision;

public sealed class ConceptCatalogTests
{
    [Theory]
    [InlineData("great white shark", "great_white_shark")]
    [InlineData("jack-o'-lantern", "jack_o_lantern")]
    [InlineData("  Shih-Tzu ", "shih_tzu")]
    [InlineData("traffic light", "traffic_light")]
    public void SlugsAreLowerCaseWordsJoinedByUnderscores(string name, string slug) => Assert.Equal(slug, ConceptCatalog.Slug(name));

    [Fact]
    public void SharedFirstNamesAreToldApartBySecondNameOrIndex()
    {
        var concepts = ConceptCatalog.FromLabels("x", ["crane", "dog, domestic dog", "crane", "maillot", "maillot, tank suit"], "X class");
        Assert.Equal(["x:crane_0", "x:dog", "x:crane_2", "x:maillot_3", "x:maillot_tank_suit"], concepts.Select(c => c.Id));
        Assert.Equal("crane", concepts[2].Name);
        Assert.Equal(["domestic dog"], concepts[1].Synonyms);
        Assert.Equal("X class: dog, domestic dog", concepts[1].Description);
    }
}
