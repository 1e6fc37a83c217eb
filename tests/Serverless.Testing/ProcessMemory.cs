using System.Globalization;

namespace Serverless.Testing;

/// <summary>A process's resident memory now and at its peak (Linux <c>VmRSS</c>, <c>VmHWM</c>), in MiB.</summary>
public static class ProcessMemory
{
    public static (double ResidentMib, double PeakMib) Of(int processId)
    {
        var lines = File.ReadAllLines($"/proc/{processId}/status");
        double Mib(string name) => double.Parse(lines.First(l => l.StartsWith(name, StringComparison.Ordinal)).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        return (Mib("VmRSS:"), Mib("VmHWM:"));
    }
}
