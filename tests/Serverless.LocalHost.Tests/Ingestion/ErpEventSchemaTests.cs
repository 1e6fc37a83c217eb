using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Serverless.App.Ingestion;
using Shouldly;

namespace Serverless.LocalHost.Tests.Ingestion;

/// <summary>The published contract (schemas/erp-document-requested.v1.json) agrees with the rules the handler applies.</summary>
public sealed class ErpEventSchemaTests
{
    private static readonly JsonNode Schema = JsonNode.Parse(ErpEventSchema.Json)!;

    private static JsonNode Data => Schema["properties"]!["data"]!["properties"]!;

    [Fact]
    public void Limits_AgreeWithTheNamingRules()
    {
        ((int)Data["blobName"]!["maxLength"]!).ShouldBe(BlobPaths.MaxRelativeLength);
        ((int)Data["fileName"]!["maxLength"]!).ShouldBe(BlobPaths.MaxFileNameLength);
        var tenant = new Regex((string)Data["tenant"]!["pattern"]!, RegexOptions.CultureInvariant);
        foreach (var candidate in new[] { "acme", "a", "acme-2", "-acme", "acme-", "Acme", "a_b", new string('a', 32), new string('a', 33), "" })
        {
            tenant.IsMatch(candidate).ShouldBe(BlobPaths.IsValidTenant(candidate), candidate);
        }
    }

    [Theory]
    [InlineData(BlobPaths.MaxRelativeLength, true)]
    [InlineData(BlobPaths.MaxRelativeLength + 1, false)]
    public void BlobName_AtAndPastTheLimit(int length, bool valid)
    {
        var errors = ErpEventSchema.Validate(Event(data => data["blobName"] = new string('a', length)));

        (errors.Count == 0).ShouldBe(valid, string.Join("; ", errors));
        if (!valid)
        {
            errors.ShouldContain(e => e.StartsWith("/data/blobName", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("com.serverless.erp.document.requested.v2")]
    [InlineData("com.example.erp.document")]
    public void UnknownTypeOrVersion_IsAViolation(string type)
    {
        var json = JsonNode.Parse(ErpInboundHandlerTests.Event("e-1", "a.txt"))!;
        json["type"] = type;

        ErpEventSchema.Validate(JsonDocument.Parse(json.ToJsonString()).RootElement).ShouldContain(e => e.StartsWith("/type", StringComparison.Ordinal));
    }

    [Fact]
    public void OptionalFields_AreAccepted_AndNothingElseInData()
    {
        ErpEventSchema.Validate(Event(data =>
        {
            data["tenant"] = "acme";
            data["confidential"] = true;
            data["fileName"] = "po.pdf";
            data["callbackUrl"] = "https://erp.example/hooks/done";
        })).ShouldBeEmpty();
        ErpEventSchema.Validate(Event(data => data["content"] = "JVBERi0xLjQ=")).ShouldContain(e => e.StartsWith("/data", StringComparison.Ordinal));
    }

    private static JsonElement Event(Action<JsonObject> data)
    {
        var json = JsonNode.Parse(ErpInboundHandlerTests.Event("e-1", "a.txt"))!;
        data(json["data"]!.AsObject());
        return JsonDocument.Parse(json.ToJsonString()).RootElement;
    }
}
