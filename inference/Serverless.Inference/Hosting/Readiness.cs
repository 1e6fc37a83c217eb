namespace Serverless.Inference.Hosting;

/// <summary>What /readyz reports: one entry per component checked at start (tesseract, models).</summary>
internal sealed class Readiness
{
    private readonly Dictionary<string, string?> _checks = new(StringComparer.Ordinal);
    private volatile bool _completed;

    public bool IsReady
    {
        get
        {
            lock (_checks)
            {
                return IsReadyUnlocked();
            }
        }
    }

    public void Set(string component, string? problem)
    {
        lock (_checks)
        {
            _checks[component] = problem;
        }
    }

    public void Complete() => _completed = true;

    public ReadinessReport Report()
    {
        lock (_checks)
        {
            var checks = _checks.ToDictionary(c => c.Key, c => c.Value ?? "ready", StringComparer.Ordinal);
            var status = IsReadyUnlocked() ? "Ready" : _completed ? "NotReady" : "Starting";
            return new ReadinessReport(status, checks);
        }
    }

    private bool IsReadyUnlocked() => _completed && _checks.Values.All(v => v is null);
}
