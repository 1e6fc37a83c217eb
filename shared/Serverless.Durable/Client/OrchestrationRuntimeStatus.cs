namespace Serverless.Durable;

/// <summary>An instance's status; numeric values match Durable Task, storage writes the name.</summary>
public enum OrchestrationRuntimeStatus
{
    /// <summary>Started and not finished.</summary>
    Running = 0,

    /// <summary>Finished with an output.</summary>
    Completed = 1,

    /// <summary>The execution ended with ContinueAsNew (a new execution follows).</summary>
    ContinuedAsNew = 2,

    /// <summary>Finished with a failure.</summary>
    Failed = 3,

    /// <summary>Unused (kept for compatibility).</summary>
    Canceled = 4,

    /// <summary>Terminated by a client.</summary>
    Terminated = 5,

    /// <summary>Scheduled, not yet started.</summary>
    Pending = 6,

    /// <summary>Suspended by a client; events wait until it is resumed.</summary>
    Suspended = 7,
}
