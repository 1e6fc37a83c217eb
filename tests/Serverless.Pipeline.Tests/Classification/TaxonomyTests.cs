using Serverless.Pipeline.Classification;
using Shouldly;

namespace Serverless.Pipeline.Tests.Classification;

public sealed class TaxonomyTests
{
    [Fact]
    public void Load_NoPath_DefaultTaxonomyWithDescriptions()
    {
        var taxonomy = Taxonomy.Load(null);

        taxonomy.Labels.Select(l => l.Name).ShouldBe(["invoice", "contract", "receipt", "letter", "report", "form", "other"]);
        taxonomy.Labels.ShouldAllBe(l => l.Description.Length > 20);
        taxonomy.Labels.Where(l => l.Name != "other").ShouldAllBe(l => l.Documents != null && l.Documents.Count >= 8);
        taxonomy.Find(" Invoice ").ShouldNotBeNull().Name.ShouldBe("invoice");
        taxonomy.Find("poem").ShouldBeNull();
    }

    [Fact]
    public void Load_ConfiguredFile_UsesItsLabels()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("taxonomy-").FullName, "labels.json");
        File.WriteAllText(path, """{ "labels": [ { "name": "purchase-order", "description": "An order to buy goods." }, { "name": "other", "description": "Anything else." } ] }""");

        var taxonomy = Taxonomy.Load(path);

        taxonomy.Labels.Count.ShouldBe(2);
        taxonomy.Find("purchase-order").ShouldNotBeNull();
    }

    [Fact]
    public void Parse_ExampleDocuments_TrainedAfterThePhrases()
    {
        var json = """{ "labels": [ { "name": "memo", "description": "An internal note.", "examples": ["To: all staff"], "documents": ["To: all staff\nFrom: facilities\nThe lifts are serviced on Monday."] }, { "name": "other", "description": "Anything else." } ] }""";

        var taxonomy = Taxonomy.Parse(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)));

        taxonomy.Find("memo").ShouldNotBeNull().TrainingTexts.ShouldBe(["To: all staff", "To: all staff\nFrom: facilities\nThe lifts are serviced on Monday."]);
        taxonomy.Find("other").ShouldNotBeNull().TrainingTexts.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("""{ "labels": [] }""")]
    [InlineData("""{ "labels": [ { "name": "a", "description": "" } ] }""")]
    [InlineData("""{ "labels": [ { "name": "a", "description": "x" }, { "name": "A", "description": "y" } ] }""")]
    public void Parse_InvalidTaxonomy_ClearError(string json)
    {
        Should.Throw<InvalidDataException>(() => Taxonomy.Parse(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))));
    }
}
