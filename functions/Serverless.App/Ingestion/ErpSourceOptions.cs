namespace Serverless.App.Ingestion;

/// <summary>One ERP system (<c>Erp:Sources:{name}</c>): its CloudEvents source, its tenant, where its documents lie and where its completions go.</summary>
internal sealed class ErpSourceOptions
{
    /// <summary>The CloudEvents <c>source</c>, matched exactly; ending in <c>*</c> it is a prefix (<c>/sap/s4/prod/*</c>). The longest match wins.</summary>
    public string Source { get; set; } = "";

    /// <summary>The tenant every event of this source belongs to; <c>data.tenant</c>, when sent, must equal it.</summary>
    public string Tenant { get; set; } = "";

    /// <summary>The container that <c>data.blobName</c> is read from; never the blob-drop container (a document would run twice).</summary>
    public string Container { get; set; } = Storage.StorageNames.ErpDocumentsContainer;

    /// <summary>The folder inside <see cref="Container"/> (ends with '/'); default <c>{tenant}/</c>.</summary>
    public string? Prefix { get; set; }

    /// <summary>The default routing of this source's documents; when true an event cannot ask for less.</summary>
    public bool Confidential { get; set; }

    /// <summary>The Storage queue that receives this source's completions (channel <c>StorageQueue</c>); default <c>App:ErpOutboundQueue</c>.</summary>
    public string? ReplyQueue { get; set; }

    public string EffectivePrefix => Prefix ?? Tenant + "/";

    public bool IsPrefix => Source.EndsWith('*');
}
