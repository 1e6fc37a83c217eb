namespace Serverless.Durable;

/// <summary>Thrown in an orchestrator when an activity it awaited failed (after any retries).</summary>
public class TaskFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TaskFailedException(string taskName, int taskId, TaskFailureDetails failureDetails)
        : base($"Task '{taskName}' (#{taskId}) failed with an unhandled exception: {failureDetails?.ErrorMessage}")
    {
        TaskName = taskName;
        TaskId = taskId;
        FailureDetails = failureDetails ?? throw new ArgumentNullException(nameof(failureDetails));
    }

    /// <summary>Creates an exception with a message.</summary>
    public TaskFailedException()
        : this("unknown", -1, new TaskFailureDetails(nameof(Exception), "unknown failure"))
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public TaskFailedException(string message)
        : base(message)
    {
        TaskName = "unknown";
        FailureDetails = new TaskFailureDetails(nameof(Exception), message);
    }

    /// <summary>Creates an exception with a message and an inner exception.</summary>
    public TaskFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        TaskName = "unknown";
        FailureDetails = TaskFailureDetails.FromException(innerException);
    }

    /// <summary>The failed task's name.</summary>
    public string TaskName { get; }

    /// <summary>The failed task's id (its position in the orchestration's decisions).</summary>
    public int TaskId { get; }

    /// <summary>The failure as recorded: type, message, stack and inner failure.</summary>
    public TaskFailureDetails FailureDetails { get; }
}
