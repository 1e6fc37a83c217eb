using System.Net;

namespace Serverless.Inference.Tests.Support;

/// <summary>A request body that sends its first bytes, then waits until released: holds a request open on the server.</summary>
internal sealed class HeldContent(byte[] head, byte[] tail) : HttpContent
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _release.TrySetResult();

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(head);
        await stream.FlushAsync();
        await _release.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await stream.WriteAsync(tail);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
