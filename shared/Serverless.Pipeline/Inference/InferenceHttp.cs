using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;

namespace Serverless.Pipeline.Inference;

/// <summary>
/// Sends one call to the inference app and classifies its failure: 408/429/5xx and network errors are
/// transient (the resilience handler has already retried them), any other 4xx is fatal.
/// </summary>
internal static class InferenceHttp
{
    public static async Task<T> SendAsync<T>(HttpClient http, HttpRequestMessage request, JsonTypeInfo<T> responseType, string step, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or Polly.CircuitBreaker.BrokenCircuitException or Polly.Timeout.TimeoutRejectedException
            || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new StepFailedException(StepErrorCodes.ProviderUnavailable, $"{step}: the inference app could not be reached ({e.GetType().Name}).", isTransient: true, e);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var status = (int)response.StatusCode;
                var transient = response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || status >= 500;
                var code = transient ? StepErrorCodes.ProviderUnavailable : StepErrorCodes.ProviderRejected;
                throw new StepFailedException(code, $"{step}: the inference app answered {status} {response.ReasonPhrase}.", transient);
            }

            return await response.Content.ReadFromJsonAsync(responseType, cancellationToken).ConfigureAwait(false)
                ?? throw new StepFailedException(StepErrorCodes.ModelOutputInvalid, $"{step}: the inference app answered an empty body.", isTransient: false);
        }
    }
}
