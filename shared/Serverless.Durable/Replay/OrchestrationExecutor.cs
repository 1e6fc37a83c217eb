using Microsoft.Extensions.Logging;

namespace Serverless.Durable.Replay;

/// <summary>
/// The pure replay core: (recorded history, inbound events, now) → (history to commit, new decisions, status).
/// No I/O; the same inputs give the same result. The backend loads and commits; this decides.
/// </summary>
internal sealed class OrchestrationExecutor(Func<string, string?, ITaskOrchestrator?> resolve, ILoggerFactory? loggers = null, int maxHistoryEvents = 20_000)
{
    private static readonly HashSet<HistoryEventType> ResultTypes =
    [
        HistoryEventType.TaskCompleted, HistoryEventType.TaskFailed, HistoryEventType.SubOrchestrationInstanceCompleted,
        HistoryEventType.SubOrchestrationInstanceFailed, HistoryEventType.TimerFired,
    ];

    public EpisodeResult Execute(IReadOnlyList<HistoryEvent> past, IReadOnlyList<HistoryEvent> inbound, DateTime now)
    {
        var summary = Summarize(past);
        var ordered = inbound.Where(e => e.EventType == HistoryEventType.ExecutionStarted)
            .Concat(inbound.Where(e => e.EventType != HistoryEventType.ExecutionStarted)).ToList();

        var accepted = new List<HistoryEvent>();
        var dropped = new List<HistoryEvent>();
        var deferred = new List<HistoryEvent>();
        var newExecution = false;

        if (summary.Started is null || summary.IsTerminal)
        {
            var start = ordered.FirstOrDefault(e => e.EventType == HistoryEventType.ExecutionStarted && e.ExecutionId != summary.Started?.ExecutionId);
            if (start is null)
            {
                // No instance, or a finished one: nothing applies. After ContinueAsNew the next start is on its way, so wait for it.
                (summary.ContinuedAsNew ? deferred : dropped).AddRange(ordered);
                return Replay(past, [], now) with { Dropped = dropped, Deferred = deferred };
            }

            newExecution = true;
            past = [];
            summary = Summarize(past);
            accepted.Add(start);
            summary.Started = start;
            summary.MessageIds.Add(start.MessageId ?? "");
            ordered.Remove(start);
        }

        var suspended = summary.Suspended;
        var terminated = false;
        foreach (var e in ordered)
        {
            if (terminated || e.EventType == HistoryEventType.ExecutionStarted ||
                (e.ExecutionId is not null && e.ExecutionId != summary.Started!.ExecutionId) ||
                (e.MessageId is not null && !summary.MessageIds.Add(e.MessageId)))
            {
                dropped.Add(e);
                continue;
            }

            if (ResultTypes.Contains(e.EventType) && !summary.OpenIds.Remove(KindKey(e)))
            {
                dropped.Add(e);
                continue;
            }

            switch (e.EventType)
            {
                case HistoryEventType.ExecutionTerminated:
                    terminated = true;
                    accepted.Add(e);
                    break;
                case HistoryEventType.ExecutionSuspended when suspended:
                case HistoryEventType.ExecutionResumed when !suspended:
                    dropped.Add(e);
                    break;
                case HistoryEventType.ExecutionSuspended:
                    suspended = true;
                    accepted.Add(e);
                    break;
                case HistoryEventType.ExecutionResumed:
                    // Events that waited while suspended apply after the resume, in arrival order.
                    suspended = false;
                    accepted.Add(e);
                    accepted.AddRange(deferred);
                    deferred.Clear();
                    break;
                default:
                    (suspended ? deferred : accepted).Add(e);
                    break;
            }
        }

        var result = Replay(past, accepted, now);
        return result with { Accepted = accepted, Dropped = dropped, Deferred = deferred, NewExecution = newExecution };
    }

    /// <summary>Ends a running instance as Failed without running its code (poison messages); null when it is not running.</summary>
    public static EpisodeResult? FailInstance(IReadOnlyList<HistoryEvent> past, TaskFailureDetails failure, DateTime now)
    {
        var summary = Summarize(past);
        if (summary.Started is null || summary.IsTerminal)
        {
            return null;
        }

        now = DateTime.SpecifyKind(now, DateTimeKind.Utc);
        var completion = new HistoryEvent
        {
            EventType = HistoryEventType.ExecutionCompleted, Timestamp = now, OrchestrationStatus = OrchestrationRuntimeStatus.Failed, FailureDetails = failure,
        };
        List<HistoryEvent> history =
        [
            .. past,
            new HistoryEvent { EventType = HistoryEventType.OrchestratorStarted, Timestamp = now },
            completion,
            new HistoryEvent { EventType = HistoryEventType.OrchestratorCompleted, Timestamp = now },
        ];
        return new EpisodeResult
        {
            History = history, AppendFrom = past.Count, Actions = [completion], Status = OrchestrationRuntimeStatus.Failed, Failure = failure, Started = summary.Started,
        };
    }

    private static string KindKey(HistoryEvent e) => e.EventType switch
    {
        HistoryEventType.TaskScheduled or HistoryEventType.TaskCompleted or HistoryEventType.TaskFailed => $"T{(e.EventType == HistoryEventType.TaskScheduled ? e.EventId : e.TaskScheduledId)}",
        HistoryEventType.SubOrchestrationInstanceCreated or HistoryEventType.SubOrchestrationInstanceCompleted or HistoryEventType.SubOrchestrationInstanceFailed =>
            $"S{(e.EventType == HistoryEventType.SubOrchestrationInstanceCreated ? e.EventId : e.TaskScheduledId)}",
        HistoryEventType.TimerCreated => $"F{e.EventId}",
        HistoryEventType.TimerFired => $"F{e.TaskScheduledId}",
        _ => "",
    };

    private static Summary Summarize(IReadOnlyList<HistoryEvent> past)
    {
        var s = new Summary();
        foreach (var e in past)
        {
            switch (e.EventType)
            {
                case HistoryEventType.ExecutionStarted:
                    s.Started ??= e;
                    break;
                case HistoryEventType.ExecutionCompleted or HistoryEventType.ExecutionTerminated:
                    s.IsTerminal = true;
                    break;
                case HistoryEventType.ContinueAsNew:
                    s.IsTerminal = true;
                    s.ContinuedAsNew = true;
                    break;
                case HistoryEventType.ExecutionSuspended:
                    s.Suspended = true;
                    break;
                case HistoryEventType.ExecutionResumed:
                    s.Suspended = false;
                    break;
                case HistoryEventType.TaskScheduled or HistoryEventType.SubOrchestrationInstanceCreated or HistoryEventType.TimerCreated:
                    s.OpenIds.Add(KindKey(e));
                    break;
                default:
                    if (ResultTypes.Contains(e.EventType))
                    {
                        s.OpenIds.Remove(KindKey(e));
                    }

                    break;
            }

            if (e.MessageId is not null)
            {
                s.MessageIds.Add(e.MessageId);
            }
        }

        return s;
    }

    /// <summary>Replays <paramref name="past"/>, applies <paramref name="accepted"/> as this episode's new events, and collects the decisions.</summary>
    private EpisodeResult Replay(IReadOnlyList<HistoryEvent> past, List<HistoryEvent> accepted, DateTime now)
    {
        var started = past.Concat(accepted).FirstOrDefault(e => e.EventType == HistoryEventType.ExecutionStarted);
        if (started is null)
        {
            return new EpisodeResult { History = past, AppendFrom = past.Count, Status = OrchestrationRuntimeStatus.Pending };
        }

        now = DateTime.SpecifyKind(now, DateTimeKind.Utc);
        var newEvents = new List<HistoryEvent>();
        if (accepted.Count > 0)
        {
            newEvents.Add(new HistoryEvent { EventType = HistoryEventType.OrchestratorStarted, Timestamp = now });
            newEvents.AddRange(accepted.Select(e => e.EventType == HistoryEventType.ExecutionStarted && e.Timestamp != default ? e : e with { Timestamp = now }));
        }

        var context = new OrchestrationContextImpl(started, loggers);
        var run = new Run(context);
        var previousContext = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(run.Pump);
        try
        {
            var orchestrator = resolve(started.Name!, started.Version);
            if (orchestrator is null)
            {
                run.Fail(new TaskFailureDetails(
                    "OrchestratorNotFound", $"No orchestrator named '{started.Name}' (version '{started.Version}') is registered with this worker."));
            }
            else if (past.Count + newEvents.Count > maxHistoryEvents)
            {
                run.Fail(new TaskFailureDetails(
                    "HistoryTooLarge", $"The history of instance '{started.InstanceId}' would exceed {maxHistoryEvents} events; use ContinueAsNew to keep histories bounded."));
            }
            else
            {
                context.Replaying = true;
                foreach (var e in past)
                {
                    run.Apply(e, orchestrator);
                }

                context.Replaying = false;
                foreach (var e in newEvents)
                {
                    run.Apply(e, orchestrator);
                }
            }
        }
        catch (NonDeterministicOrchestrationException ex)
        {
            run.Fail(TaskFailureDetails.FromException(ex));
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previousContext);
        }

        var wasFinished = run.RecordedCompletion is not null;
        var actions = new List<HistoryEvent>();
        var selfMessages = new List<HistoryEvent>();
        if (accepted.Count > 0 && !wasFinished)
        {
            if (run.Failure is null && run.Terminated is null)
            {
                actions.AddRange(context.NewDecisions().Select(a => a with { Timestamp = now }));
            }

            var completion = run.CompletionEvent(now);
            if (completion is not null)
            {
                actions.Add(completion);
                if (completion.EventType == HistoryEventType.ContinueAsNew)
                {
                    selfMessages.AddRange(ContinueAsNewMessages(started, context, completion));
                }
            }

            newEvents.AddRange(actions);
            newEvents.Add(new HistoryEvent { EventType = HistoryEventType.OrchestratorCompleted, Timestamp = now });
        }

        var history = new List<HistoryEvent>(past.Count + newEvents.Count);
        history.AddRange(past);
        history.AddRange(newEvents);
        var (status, output, failure) = StatusOf(history);
        return new EpisodeResult
        {
            History = history,
            AppendFrom = past.Count,
            Actions = actions,
            SelfMessages = selfMessages,
            Status = status,
            Output = output,
            Failure = failure,
            CustomStatus = context.SerializedCustomStatus,
            Started = started,
        };
    }

    private static IEnumerable<HistoryEvent> ContinueAsNewMessages(HistoryEvent started, OrchestrationContextImpl context, HistoryEvent completion)
    {
        var executionId = DeterministicGuid.Create(DeterministicGuid.OrchestrationNamespace, $"{started.InstanceId}:{started.ExecutionId}:continue-as-new").ToString("N");
        yield return started with
        {
            ExecutionId = executionId,
            Input = completion.Result,
            MessageId = "start." + executionId,
            ScheduledStartTime = null,
            Timestamp = default,
        };
        if (context.ContinueAsNewRequest is { PreserveEvents: true })
        {
            var n = 0;
            foreach (var (name, input) in context.UnprocessedEvents())
            {
                yield return new HistoryEvent
                {
                    EventType = HistoryEventType.EventRaised, Name = name, Input = input, MessageId = $"carry.{executionId}.{n++}",
                };
            }
        }
    }

    internal static (OrchestrationRuntimeStatus Status, string? Output, TaskFailureDetails? Failure) StatusOf(IReadOnlyList<HistoryEvent> history)
    {
        var status = OrchestrationRuntimeStatus.Pending;
        foreach (var e in history)
        {
            switch (e.EventType)
            {
                case HistoryEventType.ExecutionStarted:
                case HistoryEventType.ExecutionResumed:
                    status = OrchestrationRuntimeStatus.Running;
                    break;
                case HistoryEventType.ExecutionSuspended:
                    status = OrchestrationRuntimeStatus.Suspended;
                    break;
                case HistoryEventType.ExecutionCompleted:
                    return (e.OrchestrationStatus ?? OrchestrationRuntimeStatus.Completed, e.Result, e.FailureDetails);
                case HistoryEventType.ContinueAsNew:
                    return (OrchestrationRuntimeStatus.ContinuedAsNew, e.Result, null);
                case HistoryEventType.ExecutionTerminated:
                    return (OrchestrationRuntimeStatus.Terminated, e.Input, null);
            }
        }

        return (status, null, null);
    }

    private sealed class Summary
    {
        public HistoryEvent? Started { get; set; }

        public bool IsTerminal { get; set; }

        public bool ContinuedAsNew { get; set; }

        public bool Suspended { get; set; }

        public HashSet<string> OpenIds { get; } = [];

        public HashSet<string> MessageIds { get; } = [];
    }

    /// <summary>One replay pass: applies events to the context and tracks how the orchestrator function ended.</summary>
    private sealed class Run(OrchestrationContextImpl context)
    {
        private Task<object?>? _body;

        public ReplaySynchronizationContext Pump { get; } = new();

        public TaskFailureDetails? Failure { get; private set; }

        public HistoryEvent? Terminated { get; private set; }

        public HistoryEvent? RecordedCompletion { get; private set; }

        public void Fail(TaskFailureDetails failure) => Failure ??= failure;

        public void Apply(HistoryEvent e, ITaskOrchestrator orchestrator)
        {
            if (RecordedCompletion is not null || Terminated is not null || Failure is not null)
            {
                return;
            }

            switch (e.EventType)
            {
                case HistoryEventType.OrchestratorStarted:
                    context.Now = DateTime.SpecifyKind(e.Timestamp, DateTimeKind.Utc);
                    break;
                case HistoryEventType.ExecutionStarted:
                    context.Now = context.Now == default ? DateTime.SpecifyKind(e.Timestamp, DateTimeKind.Utc) : context.Now;
                    object? input;
                    try
                    {
                        input = DurableJson.Deserialize(e.Input, orchestrator.InputType);
                    }
                    catch (System.Text.Json.JsonException ex)
                    {
                        Fail(new TaskFailureDetails(ex.GetType().FullName!, $"The input does not deserialise to {orchestrator.InputType.Name}: {ex.Message}"));
                        return;
                    }

                    _body = orchestrator.RunAsync(context, input);
                    break;
                case HistoryEventType.TaskScheduled:
                case HistoryEventType.TimerCreated:
                case HistoryEventType.SubOrchestrationInstanceCreated:
                case HistoryEventType.EventSent:
                    context.MatchScheduled(e);
                    break;
                case HistoryEventType.TaskCompleted:
                case HistoryEventType.TaskFailed:
                case HistoryEventType.SubOrchestrationInstanceCompleted:
                case HistoryEventType.SubOrchestrationInstanceFailed:
                case HistoryEventType.TimerFired:
                    context.Complete(e);
                    break;
                case HistoryEventType.EventRaised:
                    context.RaiseEvent(e);
                    break;
                case HistoryEventType.ExecutionTerminated:
                    Terminated = e;
                    break;
                case HistoryEventType.ExecutionCompleted:
                case HistoryEventType.ContinueAsNew:
                    RecordedCompletion = e;
                    break;
            }

            Pump.Drain();
        }

        public HistoryEvent? CompletionEvent(DateTime now)
        {
            var id = context.TakeSequence();
            if (Terminated is not null)
            {
                return new HistoryEvent
                {
                    EventType = HistoryEventType.ExecutionCompleted, EventId = id, Timestamp = now,
                    OrchestrationStatus = OrchestrationRuntimeStatus.Terminated, Result = Terminated.Input,
                };
            }

            if (Failure is not null)
            {
                return Failed(Failure);
            }

            if (_body is not { IsCompleted: true } body)
            {
                return null;
            }

            if (body.IsFaulted || body.IsCanceled)
            {
                var exception = body.Exception?.InnerExceptions is [var single] ? single : (Exception?)body.Exception ?? new TaskCanceledException();
                return Failed(TaskFailureDetails.FromException(exception));
            }

            if (context.ContinueAsNewRequest is { } request)
            {
                return new HistoryEvent { EventType = HistoryEventType.ContinueAsNew, EventId = id, Timestamp = now, Result = DurableJson.Serialize(request.Input) };
            }

            return new HistoryEvent
            {
                EventType = HistoryEventType.ExecutionCompleted, EventId = id, Timestamp = now,
                OrchestrationStatus = OrchestrationRuntimeStatus.Completed, Result = DurableJson.Serialize(body.GetAwaiter().GetResult()),
            };

            HistoryEvent Failed(TaskFailureDetails details) => new()
            {
                EventType = HistoryEventType.ExecutionCompleted, EventId = id, Timestamp = now,
                OrchestrationStatus = OrchestrationRuntimeStatus.Failed, FailureDetails = details,
            };
        }
    }
}
