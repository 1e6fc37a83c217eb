namespace Serverless.App.Ingestion;

/// <summary>An ERP message that can never start a workflow (not a CloudEvent, missing fields, unsafe names); it ends in the poison queue with this reason.</summary>
internal sealed class ErpMessageRejectedException : Exception
{
    public ErpMessageRejectedException()
    {
    }

    public ErpMessageRejectedException(string message)
        : base(message)
    {
    }

    public ErpMessageRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
