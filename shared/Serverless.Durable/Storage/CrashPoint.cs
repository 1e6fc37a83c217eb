namespace Serverless.Durable.Storage;

/// <summary>Named points in an episode where fault tests abandon the work (in process) or kill the worker (out of process).</summary>
internal enum CrashPoint
{
    EpisodeStarting,
    AfterHistoryBatch,
    AfterSendingOutbound,
    AfterStatusWrite,
    BeforeDeletingInputs,
    AfterActivityEffect,
    AfterActivityResult,
}
