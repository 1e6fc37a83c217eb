using System.Text;
using Serverless.App.Ingestion;
using Shouldly;

namespace Serverless.LocalHost.Tests.Ingestion;

public sealed class BlobCreatedEventTests
{
    [Theory]
    [InlineData("eventgrid-blobcreated.json")]
    [InlineData("cloudevents-blobcreated.json")]
    public void Parse_DocumentedEvent_NamesContainerAndBlob(string file)
    {
        var blobs = BlobCreatedEvent.Parse(TestData.Read(file));

        blobs.ShouldBe([("test-container", "new-file.txt")]);
    }

    [Fact]
    public void Parse_Base64EncodedEvent_IsDecoded()
    {
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(TestData.Read("eventgrid-blobcreated.json")));

        BlobCreatedEvent.Parse(encoded).ShouldBe([("test-container", "new-file.txt")]);
    }

    [Fact]
    public void Parse_OtherEventType_YieldsNothing() =>
        BlobCreatedEvent.Parse("""{"eventType":"Microsoft.Storage.BlobDeleted","subject":"/blobServices/default/containers/c/blobs/b"}""").ShouldBeEmpty();

    [Theory]
    [InlineData("not json at all")]
    [InlineData("""{"eventType":"Microsoft.Storage.BlobCreated"}""")]
    [InlineData("""{"eventType":"Microsoft.Storage.BlobCreated","subject":"/blobServices/default/containers/c"}""")]
    [InlineData("[1]")]
    public void Parse_Malformed_ThrowsFormatException(string text) => Should.Throw<FormatException>(() => BlobCreatedEvent.Parse(text));
}
