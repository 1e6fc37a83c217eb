namespace Serverless.App.Ingestion;

/// <summary>
/// The <c>data</c> of an ERP CloudEvent (schemas/erp-document-requested.v1.json): the document blob below the
/// source's container and prefix (uploaded beforehand: queue messages carry references, not documents), an
/// optional tenant that must agree with the source's mapping, and optional marks.
/// </summary>
internal sealed record ErpDocumentEvent(string? BlobName, string? Tenant = null, bool Confidential = false, string? FileName = null, string? CallbackUrl = null);
