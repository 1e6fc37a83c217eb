namespace Serverless.Pipeline.Ai;

/// <summary>
/// Holds one of the provider's slots in the call's <see cref="AiLane"/> (OCR or text, from
/// <see cref="ProviderConcurrency.LaneOption"/>) for the duration of one HTTP attempt, the response body included
/// (read here, inside the slot: otherwise the slot would be free while the provider still sends). It sits
/// inside the resilience handler, so a call waiting out a Retry-After does not hold a slot.
/// </summary>
internal sealed class ConcurrencyLimitHandler(ProviderConcurrency concurrency, string provider) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var lane = request.Options.TryGetValue(ProviderConcurrency.LaneOption, out var value) ? value : AiLane.Text;
        using var slot = await concurrency.EnterAsync(provider, lane, cancellationToken).ConfigureAwait(false);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            response.Dispose();
            throw;
        }

        return response;
    }
}
