using System.ComponentModel.DataAnnotations;

namespace Serverless.App.Ingestion;

/// <summary>
/// The ERP entry (section <c>Erp</c>): which CloudEvents sources may send, and to which tenant each belongs
/// (<c>Erp:Sources:{name}</c>), and how long a referenced blob may be missing before the event is refused.
/// Validated at start (<see cref="ErpInboundOptionsValidator"/>); an event from a source not listed is refused.
/// </summary>
internal sealed class ErpInboundOptions
{
    public const string SectionName = "Erp";

    public Dictionary<string, ErpSourceOptions> Sources { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How long after the message was enqueued a missing blob is retried (the ERP may upload it just after sending); later it is a permanent rejection.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan BlobGracePeriod { get; set; } = TimeSpan.FromMinutes(2);
}
