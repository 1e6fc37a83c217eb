using System.Text;
using System.Text.Json;

namespace Serverless.App.Ingestion;

/// <summary>
/// Reads an Event Grid <c>Microsoft.Storage.BlobCreated</c> event (Event Grid schema or CloudEvents
/// 1.0; one event or an array; plain or Base64-encoded JSON, as Event Grid's storage-queue handler
/// writes it). The blob comes from the subject <c>/blobServices/default/containers/{c}/blobs/{name}</c>.
/// </summary>
internal static class BlobCreatedEvent
{
    public const string EventType = "Microsoft.Storage.BlobCreated";

    private const string ContainersMarker = "/containers/";
    private const string BlobsMarker = "/blobs/";

    /// <summary>The blobs the message announces; other event types yield nothing. Malformed input throws <see cref="FormatException"/>.</summary>
    public static IReadOnlyList<(string Container, string BlobName)> Parse(string messageText)
    {
        using var document = ParseJson(messageText);
        var root = document.RootElement;
        var events = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList() : [root];
        var blobs = new List<(string, string)>();
        foreach (var e in events)
        {
            if (e.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("An event must be a JSON object.");
            }

            var type = Text(e, "eventType") ?? Text(e, "type");
            if (type != EventType)
            {
                continue;
            }

            var subject = Text(e, "subject") ?? throw new FormatException("The BlobCreated event has no subject.");
            blobs.Add(ParseSubject(subject));
        }

        return blobs;
    }

    private static (string, string) ParseSubject(string subject)
    {
        var c = subject.IndexOf(ContainersMarker, StringComparison.Ordinal);
        var b = subject.IndexOf(BlobsMarker, StringComparison.Ordinal);
        if (c < 0 || b < c)
        {
            throw new FormatException("The event subject does not name a container and a blob.");
        }

        var container = subject[(c + ContainersMarker.Length)..b];
        var name = subject[(b + BlobsMarker.Length)..];
        return container.Length == 0 || name.Length == 0
            ? throw new FormatException("The event subject does not name a container and a blob.")
            : (container, name);
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    private static JsonDocument ParseJson(string text)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            // Event Grid's storage-queue handler (and the Functions queue trigger's default) use Base64.
        }

        try
        {
            return JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(text)));
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            throw new FormatException("The message is neither JSON nor Base64-encoded JSON.", ex);
        }
    }
}
