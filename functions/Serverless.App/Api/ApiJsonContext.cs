using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Serverless.Pipeline.Cost;

namespace Serverless.App.Api;

/// <summary>The HTTP API's request bodies.</summary>
internal sealed record StartFromBlobRequest(string? BlobName, string? InstanceId, string? HoldUntilEvent, bool Confidential = false, string? CallbackUrl = null);

internal sealed record CreateApiKeyRequest(string? Tenant, bool Admin, string? Name);

internal sealed record CreateApiKeyResponse(string Key, string KeyId, string Tenant, bool Admin, string? Name);

internal sealed record PurgeResponse(int InstancesDeleted);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonArray))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(StartFromBlobRequest))]
[JsonSerializable(typeof(CreateApiKeyRequest))]
[JsonSerializable(typeof(CreateApiKeyResponse))]
[JsonSerializable(typeof(PurgeResponse))]
[JsonSerializable(typeof(List<SearchResultItem>))]
[JsonSerializable(typeof(TenantUsage))]
[JsonSerializable(typeof(Serverless.App.Rejections.RejectionPage))]
[JsonSerializable(typeof(Serverless.App.Dashboard.DocumentPage))]
[JsonSerializable(typeof(Serverless.App.Dashboard.DocumentDetail))]
[JsonSerializable(typeof(Serverless.App.Dashboard.DocumentText))]
[JsonSerializable(typeof(Serverless.App.Dashboard.TaxonomyView))]
[JsonSerializable(typeof(Serverless.App.Dashboard.RetryRequest))]
[JsonSerializable(typeof(Serverless.App.Dashboard.RetryEstimateResponse))]
[JsonSerializable(typeof(Serverless.App.Dashboard.RetryResponse))]
[JsonSerializable(typeof(Serverless.App.Telemetry.DocumentTrace))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
