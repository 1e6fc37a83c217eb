namespace Serverless.Durable;

/// <summary>Thrown in an orchestrator when a sub-orchestration it awaited failed.</summary>
public sealed class SubOrchestrationFailedException : TaskFailedException
{
    /// <summary>Creates the exception.</summary>
    public SubOrchestrationFailedException(string name, int taskId, TaskFailureDetails failureDetails)
        : base(name, taskId, failureDetails)
    {
    }

    /// <summary>Creates the exception.</summary>
    public SubOrchestrationFailedException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public SubOrchestrationFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public SubOrchestrationFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
