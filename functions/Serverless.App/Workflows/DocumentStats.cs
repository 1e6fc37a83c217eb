namespace Serverless.App.Workflows;

/// <summary>What <see cref="DocumentStatsOrchestrator"/> finds out about a document.</summary>
internal sealed record DocumentStats(long Bytes, long Lines);
