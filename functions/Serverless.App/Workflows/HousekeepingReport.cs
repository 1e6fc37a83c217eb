namespace Serverless.App.Workflows;

/// <summary>What one housekeeping run removed.</summary>
internal sealed record HousekeepingReport(int PurgedInstances, int ExpiredReceipts);
