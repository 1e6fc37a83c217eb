using Microsoft.DurableTask;
using Serverless.Pipeline.Results;

namespace Serverless.Pipeline.Workflow;

/// <summary>Keeps the workflow's custom status (<see cref="PipelineStatus"/>) from activity results only, so that replays rebuild the same status.</summary>
internal sealed class StatusTracker(TaskOrchestrationContext context, int stepsTotal)
{
    private string _step = "starting";
    private int _stepsDone;
    private int _batchesDone;
    private int _batchesTotal;
    private long _input;
    private long _output;
    private readonly List<StepRecord> _records = [];

    /// <summary>The steps that finished so far (what a failed workflow was billed for).</summary>
    public IReadOnlyList<StepRecord> Records => _records;

    public decimal Cost { get; private set; }

    public long Tokens => _input + _output;

    public void Enter(string step, int? batchesTotal = null)
    {
        _step = step;
        _batchesTotal = batchesTotal ?? _batchesTotal;
        Publish(null);
    }

    public void Waiting(string eventName) => Publish(eventName);

    /// <summary>Waiting for a reviewer's decision on <paramref name="label"/> (the model's answer).</summary>
    public void WaitingForReview(string eventName, string label, double confidence) => Publish(eventName, label, confidence);

    public void Done(string step, StepRecord? record = null)
    {
        _stepsDone = Math.Min(_stepsDone + 1, stepsTotal);
        Add(record);
        _step = step;
        Publish(null);
    }

    public void BatchDone(StepRecord record)
    {
        _batchesDone++;
        Add(record);
        Publish(null);
    }

    private void Add(StepRecord? record)
    {
        if (record is null)
        {
            return;
        }

        _records.Add(record);
        _input += record.InputTokens;
        _output += record.OutputTokens;
        Cost += record.Cost;
    }

    private void Publish(string? waitingFor, string? label = null, double? confidence = null) =>
        context.SetCustomStatus(new PipelineStatus(_step, _stepsDone, stepsTotal, _batchesDone, _batchesTotal, _input, _output, Cost, waitingFor, label, confidence));
}
