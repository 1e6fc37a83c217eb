namespace Serverless.App.Ingestion;

/// <summary>What happened to one blob version: started, already started (by us or another app instance), or ignored.</summary>
internal sealed record IngestOutcome(IngestResult Result, string? InstanceId, string? Reason = null);

internal enum IngestResult
{
    Started,
    AlreadyStarted,
    Ignored,
}
