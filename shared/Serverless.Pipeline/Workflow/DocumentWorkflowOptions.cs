using System.ComponentModel.DataAnnotations;

namespace Serverless.Pipeline.Workflow;

/// <summary>Settings of the document workflow (section <see cref="SectionName"/>); validated at start.</summary>
public sealed class DocumentWorkflowOptions
{
    public const string SectionName = "Pipeline:Workflow";

    /// <summary>The container of the result JSON documents (<c>{tenant}/{workflow}.json</c>).</summary>
    [Required]
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$", ErrorMessage = "Pipeline:Workflow:ResultsContainer must be a valid container name.")]
    public string ResultsContainer { get; set; } = "results";

    /// <summary>The external event a human review answers with <c>{"label": "...", "reviewer"?: "...", "comment"?: "..."}</c>.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9._-]{1,100}$", ErrorMessage = "Pipeline:Workflow:ReviewEventName must be 1-100 letters, digits, '.', '_' or '-'.")]
    public string ReviewEventName { get; set; } = "ReviewDecision";

    /// <summary>How long a low-confidence classification waits for the review before the default applies (a document should not wait a day).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "90.00:00:00", ErrorMessage = "Pipeline:Workflow:ReviewTimeout must be between 1 second and 90 days.")]
    public TimeSpan ReviewTimeout { get; set; } = TimeSpan.FromHours(2);

    /// <summary>The label used when the review times out; empty keeps the model's label.</summary>
    public string? ReviewDefaultLabel { get; set; }

    /// <summary>Per-attempt timeout of a completion callback.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = "Pipeline:Workflow:CallbackTimeout must be between 1 second and 5 minutes.")]
    public TimeSpan CallbackTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
