namespace Serverless.Pipeline.Ai;

/// <summary>Routes per AI step.</summary>
public sealed class StepRoutingOptions
{
    public StepRouteOptions Ocr { get; set; } = new();

    public StepRouteOptions Summarize { get; set; } = new();

    public StepRouteOptions Classify { get; set; } = new();

    public StepRouteOptions Embed { get; set; } = new();
}
