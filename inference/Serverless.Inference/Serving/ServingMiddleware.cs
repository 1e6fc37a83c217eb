using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Serverless.Inference.Hosting;

namespace Serverless.Inference.Serving;

/// <summary>
/// What every <c>/v1</c> call goes through: the API key, the request-key counter, injected faults
/// (test switches), the endpoint's concurrency gate (429 with Retry-After when saturated) and metrics.
/// </summary>
internal sealed partial class ServingMiddleware(
    RequestDelegate next,
    IOptions<InferenceOptions> inference,
    IOptions<FaultOptions> faults,
    ConcurrencyGates gates,
    RequestKeyCounter keys,
    InferenceMetrics metrics,
    TimeProvider time,
    ILogger<ServingMiddleware> logger)
{
    private readonly byte[]? _apiKey = string.IsNullOrEmpty(inference.Value.ApiKey) ? null : Encoding.UTF8.GetBytes(inference.Value.ApiKey);
    private readonly FaultOptions _faults = faults.Value;
    private readonly Random _dice = faults.Value.Seed is { } seed ? new Random(seed) : new Random();

    public async Task InvokeAsync(HttpContext context)
    {
        if (!Authorized(context.Request))
        {
            await Problems.WriteAsync(context, StatusCodes.Status401Unauthorized, "unauthorized", "An API key is required.", "Send the key in the 'api-key' header or as 'Authorization: Bearer <key>'.");
            return;
        }

        var endpoint = EndpointOf(context.Request.Path);
        var requestKey = context.Request.Headers[RequestKeyCounter.HeaderName].ToString();
        if (requestKey.Length > RequestKeyCounter.MaxKeyLength)
        {
            await Problems.WriteAsync(context, StatusCodes.Status400BadRequest, "invalid-request-key", "The request is invalid.", $"'{RequestKeyCounter.HeaderName}' may be at most {RequestKeyCounter.MaxKeyLength} characters.");
            return;
        }

        var counted = keys.Enabled && requestKey.Length > 0 && EndpointNames.Gated.Contains(endpoint);
        if (counted)
        {
            keys.RecordAttempt(requestKey);
        }

        var started = time.GetTimestamp();
        var failed = false;
        try
        {
            if (gates.TryGet(endpoint, out var limiter, out var concurrency))
            {
                if (await InjectFaultAsync(context))
                {
                    return;
                }

                using var lease = await limiter.AcquireAsync(1, context.RequestAborted);
                if (!lease.IsAcquired)
                {
                    LogSaturated(logger, endpoint);
                    await TooManyRequestsAsync(context, StatusCodes.Status429TooManyRequests, TimeSpan.FromSeconds(concurrency.RetryAfterSeconds), $"The {endpoint} endpoint is saturated ({concurrency.PermitLimit} running, {concurrency.QueueLimit} waiting).");
                    return;
                }

                await next(context);
            }
            else
            {
                await next(context);
            }
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            var status = failed ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;
            if (endpoint.Length > 0)
            {
                metrics.RecordRequest(endpoint, status, time.GetElapsedTime(started).TotalMilliseconds);
            }

            if (counted && !failed && status is >= 200 and < 300)
            {
                keys.RecordSuccess(requestKey, endpoint);
            }
        }
    }

    internal static string EndpointOf(PathString path)
    {
        // /v1/{endpoint}/... or /openai/deployments/{deployment}/{endpoint}
        var segments = (path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        var index = path.StartsWithSegments(InferenceEndpoints.AzureOpenAIPrefix, StringComparison.OrdinalIgnoreCase) ? 3 : 1;
        return segments.Length > index ? segments[index].ToLowerInvariant() : "";
    }

    private static async Task TooManyRequestsAsync(HttpContext context, int status, TimeSpan retryAfter, string detail)
    {
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["retry-after-ms"] = ((long)retryAfter.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        var (type, title) = status == StatusCodes.Status429TooManyRequests
            ? ("too-many-requests", "Too many requests.")
            : ("service-unavailable", "The service is unavailable.");
        await Problems.WriteAsync(context, status, type, title, detail);
    }

    private bool Authorized(HttpRequest request)
    {
        if (_apiKey is null)
        {
            return true;
        }

        var given = request.Headers["api-key"].ToString();
        if (given.Length == 0)
        {
            var authorization = request.Headers.Authorization.ToString();
            if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                given = authorization["Bearer ".Length..].Trim();
            }
        }

        return given.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), _apiKey);
    }

    private async Task<bool> InjectFaultAsync(HttpContext context)
    {
        if (!_faults.Enabled)
        {
            return false;
        }

        if (_faults.AddedLatencyMilliseconds > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(_faults.AddedLatencyMilliseconds), time, context.RequestAborted);
        }

        double roll;
        lock (_dice)
        {
            roll = _dice.NextDouble();
        }

        var retryAfter = TimeSpan.FromMilliseconds(_faults.RetryAfterMilliseconds);
        if (roll < _faults.TooManyRequestsRate)
        {
            await TooManyRequestsAsync(context, StatusCodes.Status429TooManyRequests, retryAfter, "Injected fault (Inference:Faults): rate limited.");
            return true;
        }

        if (roll < _faults.TooManyRequestsRate + _faults.UnavailableRate)
        {
            await TooManyRequestsAsync(context, StatusCodes.Status503ServiceUnavailable, retryAfter, "Injected fault (Inference:Faults): temporarily unavailable.");
            return true;
        }

        return false;
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Endpoint {Endpoint} saturated; answered 429")]
    private static partial void LogSaturated(ILogger logger, string endpoint);
}
