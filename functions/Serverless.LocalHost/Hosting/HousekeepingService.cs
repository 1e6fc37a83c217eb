using Serverless.App.Workflows;

namespace Serverless.LocalHost.Hosting;

/// <summary>The local host's counterpart of the Functions app's <c>Housekeeping</c> timer: the same retention, once a day.</summary>
internal sealed partial class HousekeepingService(Housekeeping housekeeping, TimeProvider time, ILogger<HousekeepingService> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await housekeeping.RunAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Storage may be down for a while; the next day's run catches up.
                LogFailed(ex);
            }
        }
    }

    [LoggerMessage(EventId = 1502, Level = LogLevel.Warning, Message = "Housekeeping failed; it runs again in a day")]
    private partial void LogFailed(Exception exception);
}
