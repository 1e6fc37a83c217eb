using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Serverless.Pipeline.Ai;

/// <summary>
/// Named HttpClients for AI providers: total timeout, then retries (429/503 honour retry-after-ms and
/// Retry-After, otherwise exponential back-off with jitter), then a circuit breaker that ignores 429
/// (rate limiting is not ill health), then the per-attempt timeout, then the provider's concurrency cap.
/// No hedging: a hedged request is a second bill.
/// </summary>
public static class AiHttpClients
{
    /// <summary>The HttpClient name of a provider.</summary>
    public static string NameFor(string provider) => "ai-" + provider.ToLowerInvariant();

    internal static IHttpClientBuilder AddAiHttpClient(this IServiceCollection services, string provider)
    {
        var builder = services.AddHttpClient(NameFor(provider), (sp, http) =>
        {
            var options = sp.GetRequiredService<IOptions<PipelineOptions>>().Value;
            if (options.Providers.TryGetValue(provider, out var p) && p.Endpoint is not null)
            {
                http.BaseAddress = p.Endpoint.AbsoluteUri.EndsWith('/') ? p.Endpoint : new Uri(p.Endpoint.AbsoluteUri + "/");
                if (p.Kind == ProviderKind.Inference && !string.IsNullOrEmpty(p.ApiKey))
                {
                    http.DefaultRequestHeaders.Add("api-key", p.ApiKey);
                }
            }

            // The resilience pipeline owns every timeout.
            http.Timeout = Timeout.InfiniteTimeSpan;
        });

        builder.AddResilienceHandler("ai", (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<PipelineOptions>>().Value.Resilience;
            var time = context.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System;
            pipeline.AddTimeout(options.TotalTimeout);

            // Polly refuses zero attempts: no retries means no retry strategy.
            if (options.MaxRetryAttempts > 0)
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = options.MaxRetryAttempts,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = options.BaseDelay,
                    MaxDelay = options.MaxRetryAfter,
                    ShouldRetryAfterHeader = false,

                    // A hint longer than MaxRetryAfter is not waited out here: the call fails (transient) and the
                    // activity's retry policy tries later, instead of retrying sooner than the server asked.
                    ShouldHandle = args => ValueTask.FromResult(
                        HttpClientResiliencePredicates.IsTransient(args.Outcome)
                        && !(args.Outcome.Result is { } r && RetryAfter.From(r, time) > options.MaxRetryAfter)),
                    DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } response ? RetryAfter.From(response, time) : null),
                    OnRetry = args =>
                    {
                        PipelineMetrics.AiRetried(args.Outcome.Result is { } r ? (int)r.StatusCode : 0);
                        return ValueTask.CompletedTask;
                    },
                });
            }

            pipeline
                .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = options.BreakerFailureRatio,
                    MinimumThroughput = options.BreakerMinimumThroughput,
                    SamplingDuration = options.BreakerSamplingDuration,
                    BreakDuration = options.BreakerBreakDuration,
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                    {
                        { Exception: HttpRequestException or Polly.Timeout.TimeoutRejectedException } => true,
                        { Result: { } r } => (int)r.StatusCode >= 500 || r.StatusCode == HttpStatusCode.RequestTimeout,
                        _ => false,
                    }),
                })
                .AddTimeout(options.AttemptTimeout);
        });

        builder.AddHttpMessageHandler(() => new RequestKeyHandler());
        builder.AddHttpMessageHandler(sp => new ConcurrencyLimitHandler(sp.GetRequiredService<ProviderConcurrency>(), provider));
        return builder;
    }
}
