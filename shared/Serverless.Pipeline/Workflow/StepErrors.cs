using Azure;
using Microsoft.DurableTask;
using Serverless.Pipeline.Extraction;

namespace Serverless.Pipeline.Workflow;

/// <summary>
/// Classifies a step's failure where the step ends: transient ones become <see cref="TransientStepException"/>
/// (retried by the activity's declared policy), fatal ones keep their type (never retried).
/// </summary>
internal static class StepErrors
{
    /// <summary>True when the failure may go away on another attempt.</summary>
    public static bool IsRetryable(TaskFailureDetails failure) =>
        !failure.IsCausedBy<DocumentRejectedException>()
        && !failure.IsCausedBy<StepFailedException>()
        && !failure.IsCausedBy<DocumentVersionChangedException>()
        && !failure.IsCausedBy<ArgumentException>();

    /// <summary>A retry policy that retries only transient failures.</summary>
    public static TaskOptions Retry(int attempts, TimeSpan first, double backoff = 2.0, TimeSpan? max = null) =>
        new(new RetryPolicy(attempts, first, backoff, max ?? TimeSpan.FromMinutes(1)) { HandleFailure = IsRetryable });

    /// <summary>Runs a step body, turning transient provider and storage failures into <see cref="TransientStepException"/>.</summary>
    public static async Task<T> RunAsync<T>(string step, Func<Task<T>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (StepFailedException e) when (e.IsTransient)
        {
            throw new TransientStepException(e.Message);
        }
        catch (RequestFailedException e) when (e.Status is 0 or 408 or 429 or >= 500)
        {
            throw new TransientStepException($"{step}: storage answered {e.Status} ({e.ErrorCode}).");
        }
        catch (HttpRequestException e)
        {
            throw new TransientStepException($"{step}: a service could not be reached ({e.HttpRequestError}).");
        }
    }
}
