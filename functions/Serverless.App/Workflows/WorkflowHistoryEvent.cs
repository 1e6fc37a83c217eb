namespace Serverless.App.Workflows;

/// <summary>One event of an instance's history, as the status API shows it (the Durable Functions field set).</summary>
internal sealed record WorkflowHistoryEvent(
    string EventType,
    int EventId,
    DateTime Timestamp,
    string? Name = null,
    string? Input = null,
    string? Result = null,
    int? TaskScheduledId = null,
    string? OrchestrationStatus = null,
    string? ErrorType = null,
    string? ErrorMessage = null);
