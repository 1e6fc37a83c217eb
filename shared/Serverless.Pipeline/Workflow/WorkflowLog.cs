using Microsoft.Extensions.Logging;

namespace Serverless.Pipeline.Workflow;

/// <summary>The workflow's log messages (event ids 3xxx): ids, steps, codes; never document content.</summary>
internal static partial class WorkflowLog
{
    [LoggerMessage(3001, LogLevel.Warning, "Workflow {InstanceId}: the completion could not be delivered: {Reason}")]
    public static partial void NotifyFailed(ILogger logger, string instanceId, string reason);

    [LoggerMessage(3002, LogLevel.Information, "Workflow {InstanceId}: completion posted to the callback ({Status})")]
    public static partial void CallbackDelivered(ILogger logger, string instanceId, int status);

    [LoggerMessage(3003, LogLevel.Warning, "Workflow {InstanceId}: its usage could not be recorded: {Reason}")]
    public static partial void UsageNotRecorded(ILogger logger, string instanceId, string reason);
}
