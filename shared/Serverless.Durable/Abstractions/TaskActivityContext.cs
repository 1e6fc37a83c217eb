namespace Serverless.Durable;

/// <summary>What an activity knows about its invocation.</summary>
public sealed class TaskActivityContext
{
    internal TaskActivityContext(string name, string instanceId, int attempt, int deliveryCount, CancellationToken cancellationToken)
    {
        Name = name;
        InstanceId = instanceId;
        Attempt = attempt;
        DeliveryCount = deliveryCount;
        CancellationToken = cancellationToken;
    }

    /// <summary>The activity name.</summary>
    public string Name { get; }

    /// <summary>The instance id of the orchestration that scheduled the activity.</summary>
    public string InstanceId { get; }

    /// <summary>The retry-policy attempt (1 for the first call, 2 for the first retry, ...).</summary>
    public int Attempt { get; }

    /// <summary>How many times the queue has delivered this very work item (above 1 after a crash or time-out).</summary>
    public int DeliveryCount { get; }

    /// <summary>Cancelled when the worker shuts down.</summary>
    public CancellationToken CancellationToken { get; }
}
