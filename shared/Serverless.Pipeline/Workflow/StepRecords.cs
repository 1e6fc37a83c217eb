using Serverless.Pipeline.Cost;
using Serverless.Pipeline.Results;

namespace Serverless.Pipeline.Workflow;

/// <summary>Builds the per-step records of the result: a cache hit bills nothing in this run.</summary>
internal static class StepRecords
{
    public static StepRecord From(string step, StepUsage usage, bool cached, TimeSpan elapsed) =>
        cached
            ? new StepRecord(step, usage.Provider, usage.Model, 0, 0, 0m, Cached: true, elapsed.TotalMilliseconds)
            : new StepRecord(step, usage.Provider, usage.Model, usage.InputTokens, usage.OutputTokens, usage.Cost, Cached: false, elapsed.TotalMilliseconds);

    public static StepRecord Local(string step, bool cached, TimeSpan elapsed) =>
        new(step, null, null, 0, 0, 0m, cached, elapsed.TotalMilliseconds);
}
