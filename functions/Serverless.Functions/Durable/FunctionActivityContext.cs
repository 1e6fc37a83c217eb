using Microsoft.DurableTask;

namespace Serverless.Functions.Durable;

/// <summary>The activity context a class-based activity expects, built from the activity function's trigger.</summary>
internal sealed class FunctionActivityContext(TaskName name, string instanceId) : TaskActivityContext
{
    public override TaskName Name { get; } = name;

    public override string InstanceId { get; } = instanceId;
}
