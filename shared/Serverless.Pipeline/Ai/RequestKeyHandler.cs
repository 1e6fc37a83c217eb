namespace Serverless.Pipeline.Ai;

/// <summary>Adds <see cref="AiCallContext.RequestKey"/> as the <c>x-request-key</c> header.</summary>
internal sealed class RequestKeyHandler : DelegatingHandler
{
    public const string HeaderName = "x-request-key";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (AiCallContext.RequestKey is { } key && !request.Headers.Contains(HeaderName))
        {
            request.Headers.TryAddWithoutValidation(HeaderName, key);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
