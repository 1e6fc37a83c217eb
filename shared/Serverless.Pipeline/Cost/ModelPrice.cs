namespace Serverless.Pipeline.Cost;

/// <summary>A model's price per 1,000 input and output tokens (currency as configured).</summary>
public sealed class ModelPrice
{
    public decimal InputPer1K { get; set; }

    public decimal OutputPer1K { get; set; }
}
