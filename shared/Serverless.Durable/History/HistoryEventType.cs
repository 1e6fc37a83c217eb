namespace Serverless.Durable;

/// <summary>History event kinds; the ordinal values match the Durable Task Framework and never change.</summary>
public enum HistoryEventType
{
    /// <summary>The execution started (name, version, input, parent).</summary>
    ExecutionStarted = 0,

    /// <summary>The execution finished (status, result or failure).</summary>
    ExecutionCompleted = 1,

    /// <summary>Unused (legacy).</summary>
    ExecutionFailed = 2,

    /// <summary>A client terminated the instance.</summary>
    ExecutionTerminated = 3,

    /// <summary>The orchestrator scheduled an activity.</summary>
    TaskScheduled = 4,

    /// <summary>An activity returned.</summary>
    TaskCompleted = 5,

    /// <summary>An activity threw.</summary>
    TaskFailed = 6,

    /// <summary>The orchestrator started a sub-orchestration.</summary>
    SubOrchestrationInstanceCreated = 7,

    /// <summary>A sub-orchestration completed.</summary>
    SubOrchestrationInstanceCompleted = 8,

    /// <summary>A sub-orchestration failed.</summary>
    SubOrchestrationInstanceFailed = 9,

    /// <summary>The orchestrator created a durable timer.</summary>
    TimerCreated = 10,

    /// <summary>A durable timer fired.</summary>
    TimerFired = 11,

    /// <summary>An episode began (its timestamp is the orchestrator's clock).</summary>
    OrchestratorStarted = 12,

    /// <summary>An episode ended.</summary>
    OrchestratorCompleted = 13,

    /// <summary>The orchestrator sent an event to another instance.</summary>
    EventSent = 14,

    /// <summary>An external event arrived.</summary>
    EventRaised = 15,

    /// <summary>The execution continued as new.</summary>
    ContinueAsNew = 16,

    /// <summary>Unused.</summary>
    GenericEvent = 17,

    /// <summary>Unused.</summary>
    HistoryState = 18,

    /// <summary>A client suspended the instance.</summary>
    ExecutionSuspended = 19,

    /// <summary>A client resumed the instance.</summary>
    ExecutionResumed = 20,

    /// <summary>Unused.</summary>
    ExecutionRewound = 21,
}
