using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;

namespace Serverless.Engine.Bench;

/// <summary>
/// Counts this process's HTTP requests per server port from .NET's built-in <c>System.Net.Http</c> metrics
/// (<c>http.client.request.duration</c>, one measurement per request): with Azurite's three ports known, that is the
/// engine's storage calls per service, without touching the engine's clients.
/// </summary>
internal sealed class StorageCalls : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<int, long> _byPort = new();

    public StorageCalls()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "System.Net.Http" && instrument.Name == "http.client.request.duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "server.port" && tag.Value is int port)
                {
                    _byPort.AddOrUpdate(port, 1, (_, n) => n + 1);
                }
            }
        });
        _listener.Start();
    }

    public IReadOnlyDictionary<int, long> Snapshot() => new Dictionary<int, long>(_byPort);

    public void Dispose() => _listener.Dispose();
}

/// <summary>CPU seconds of a process and of the whole machine, from /proc (clock ticks of 1/100 s).</summary>
internal readonly record struct CpuSample(
    long Timestamp, double Self, double Azurite, double SelfWait, double AzuriteWait, double MachineBusy, double MachineTotal, double Load)
{
    private const double TicksPerSecond = 100.0;

    public static CpuSample Take(int? azuritePid) =>
        new(Stopwatch.GetTimestamp(), ProcessSeconds(Environment.ProcessId), azuritePid is { } pid ? ProcessSeconds(pid) : double.NaN,
            RunQueueWait(Environment.ProcessId), azuritePid is { } p ? RunQueueWait(p) : double.NaN,
            Machine(busy: true), Machine(busy: false), LoadAverage());

    /// <summary>
    /// Cores used by the bench process (engine + worker + client), by Azurite, and by everything on the machine, between two
    /// samples; and how many of each process's threads were, on average, runnable but waiting for a CPU (schedstat).
    /// </summary>
    public static string Between(CpuSample a, CpuSample b)
    {
        var wall = Stopwatch.GetElapsedTime(a.Timestamp, b.Timestamp).TotalSeconds;
        var busy = (b.MachineBusy - a.MachineBusy) / Math.Max(b.MachineTotal - a.MachineTotal, 1e-9) * Environment.ProcessorCount;
        return string.Create(CultureInfo.InvariantCulture,
            $"cores: bench {(b.Self - a.Self) / wall:0.00}, azurite {(b.Azurite - a.Azurite) / wall:0.00}, machine {busy:0.00} of {Environment.ProcessorCount}; "
            + $"waiting for a CPU: bench {(b.SelfWait - a.SelfWait) / wall:0.00}, azurite {(b.AzuriteWait - a.AzuriteWait) / wall:0.00}; load {a.Load:0.0}->{b.Load:0.0}");
    }

    /// <summary>Seconds the process's threads spent runnable but not running (/proc/PID/task/*/schedstat, second field, ns).</summary>
    private static double RunQueueWait(int pid)
    {
        long total = 0;
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                try
                {
                    total += long.Parse(File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ')[1], CultureInfo.InvariantCulture);
                }
                catch (IOException)
                {
                    // The thread ended between the listing and the read.
                }
            }
        }
        catch (IOException)
        {
            return double.NaN;
        }

        return total / 1e9;
    }

    private static double ProcessSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    private static double Machine(bool busy)
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var total = cpu.Take(8).Sum();
        var idle = cpu[3] + cpu[4];
        return (busy ? total - idle : total) / TicksPerSecond;
    }

    private static double LoadAverage() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
}
