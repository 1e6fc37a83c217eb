using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.DurableTask;

namespace Serverless.Engine.Bench;

/// <summary>
/// The bench's orchestrations: a chain of no-op activities (the 200-step chain, the 100 x 5 run and the pickup probe
/// are chains of 200, 5 and 1) and a fan-out/fan-in. They stamp <see cref="Marks"/> with in-process timestamps: when
/// the orchestrator first reaches each call (not on replay), when each activity starts, and when the orchestrator returns.
/// </summary>
internal static class BenchTasks
{
    public const string Chain = "BenchChain";
    public const string FanOut = "BenchFanOut";
    public const string Step = "BenchStep";

    public static void Register(DurableTaskRegistry registry) =>
        registry
            .AddOrchestratorFunc<int, int>(Chain, async (context, steps) =>
            {
                var sum = 0;
                for (var i = 0; i < steps; i++)
                {
                    if (!context.IsReplaying)
                    {
                        Marks.Turn(context.InstanceId, i);
                    }

                    sum += await context.CallActivityAsync<int>(Step, i);
                }

                if (!context.IsReplaying)
                {
                    Marks.Returned(context.InstanceId);
                }

                return sum;
            })
            .AddOrchestratorFunc<int, int>(FanOut, async (context, width) =>
            {
                var results = await Task.WhenAll(Enumerable.Range(0, width).Select(i => context.CallActivityAsync<int>(Step, i)));
                if (!context.IsReplaying)
                {
                    Marks.Returned(context.InstanceId);
                }

                return results.Sum();
            })
            .AddActivityFunc<int, int>(Step, (context, i) =>
            {
                Marks.Started(context.InstanceId, i);
                return i;
            });
}

/// <summary>Timestamps (<see cref="Stopwatch.GetTimestamp"/>) the orchestrations leave for the bench, and signals it waits on.</summary>
internal static class Marks
{
    private static readonly ConcurrentDictionary<(string Instance, int Step), long> Turns = new();
    private static readonly ConcurrentDictionary<(string Instance, int Step), long> Starts = new();
    private static readonly ConcurrentDictionary<string, TaskCompletionSource<long>> FirstStarts = new();
    private static readonly ConcurrentDictionary<string, TaskCompletionSource<long>> Returns = new();
    private static readonly ConcurrentDictionary<string, long> ReturnTimes = new();

    /// <summary>Call before scheduling <paramref name="instanceId"/>: the first activity start and the orchestrator's return complete these.</summary>
    public static (Task<long> FirstStart, Task<long> Returned) Expect(string instanceId) =>
        (FirstStarts.GetOrAdd(instanceId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task,
         Returns.GetOrAdd(instanceId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task);

    public static void Turn(string instanceId, int step) => Turns.TryAdd((instanceId, step), Stopwatch.GetTimestamp());

    public static void Started(string instanceId, int step)
    {
        var now = Stopwatch.GetTimestamp();
        Starts.TryAdd((instanceId, step), now);
        if (FirstStarts.TryGetValue(instanceId, out var first))
        {
            first.TrySetResult(now);
        }
    }

    public static void Returned(string instanceId)
    {
        ReturnTimes.TryAdd(instanceId, Stopwatch.GetTimestamp());
        if (Returns.TryGetValue(instanceId, out var returned))
        {
            returned.TrySetResult(Stopwatch.GetTimestamp());
        }
    }

    /// <summary>
    /// Per step of a chain: dispatch = orchestrator reached the call -> the activity started (commit, work-item queue hop);
    /// return = activity started -> orchestrator reached the next call (activity result, control queue hop, history load, replay).
    /// </summary>
    public static (List<double> DispatchMs, List<double> ReturnMs) ChainHops(string instanceId, int steps)
    {
        var dispatch = new List<double>();
        var back = new List<double>();
        for (var i = 0; i < steps; i++)
        {
            if (Turns.TryGetValue((instanceId, i), out var turn) && Starts.TryGetValue((instanceId, i), out var start))
            {
                dispatch.Add(Stopwatch.GetElapsedTime(turn, start).TotalMilliseconds);
                if (Turns.TryGetValue((instanceId, i + 1), out var next))
                {
                    back.Add(Stopwatch.GetElapsedTime(start, next).TotalMilliseconds);
                }
            }
        }

        return (dispatch, back);
    }

    /// <summary>Seconds on one clock: the first and the last activity start of an instance, and its orchestrator's return.</summary>
    public static (double FirstStart, double LastStart, double Returned) FanOutPhases(string instanceId)
    {
        var starts = Starts.Where(s => s.Key.Instance == instanceId).Select(s => s.Value).ToList();
        var returned = ReturnTimes.GetValueOrDefault(instanceId);
        return (Seconds(starts.Min()), Seconds(starts.Max()), Seconds(returned));
    }

    private static double Seconds(long timestamp) => timestamp / (double)Stopwatch.Frequency;

    /// <summary>How many times activity steps started (at-least-once: repeats show here).</summary>
    public static int StartsOf(string instanceId) => Starts.Keys.Count(k => k.Instance == instanceId);
}
