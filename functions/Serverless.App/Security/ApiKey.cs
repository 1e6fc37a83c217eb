namespace Serverless.App.Security;

/// <summary>A stored API key: its id (a prefix of the key's hash), its tenant and whether it may manage keys.</summary>
internal sealed record ApiKey(string KeyId, string Tenant, bool Admin, string? Name);
