namespace Serverless.App.Ingestion;

/// <summary>
/// The <c>data</c> of an ERP CloudEvent: the tenant, the document blob below <c>incoming/{tenant}/</c>
/// (uploaded beforehand: queue messages carry references, not documents), and optional marks.
/// </summary>
internal sealed record ErpDocumentEvent(string? Tenant, string? BlobName, bool Confidential = false, string? FileName = null, string? CallbackUrl = null);
