using System.Net.Http.Json;
using Microsoft.Extensions.Logging;

namespace Serverless.Pipeline.Workflow;

/// <summary>
/// POSTs the completion to <see cref="DocumentPipelineInput.CallbackUrl"/> with an <c>Idempotency-Key</c>
/// header (instance id + step). 5xx, 408, 429 and network errors are transient (the activity retries);
/// another 4xx is fatal for the notify step only.
/// </summary>
public sealed class CallbackNotifier(IHttpClientFactory clients, ILogger<CallbackNotifier> logger) : IWorkflowNotifier
{
    public const string HttpClientName = "Serverless.Pipeline.Callback";

    public async Task NotifyAsync(DocumentPipelineInput document, WorkflowCompletion completion, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(completion);
        if (document.CallbackUrl is not { } url)
        {
            return;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new StepFailedException("callback-invalid", "notify: the callback URL is not an absolute http(s) URL.", isTransient: false);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = JsonContent.Create(completion, WorkflowJsonContext.Default.WorkflowCompletion),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (status is 408 or 429 or >= 500)
        {
            throw new TransientStepException($"notify: the callback answered {status}.");
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new StepFailedException("callback-rejected", $"notify: the callback answered {status}.", isTransient: false);
        }

        WorkflowLog.CallbackDelivered(logger, completion.InstanceId, status);
    }
}
