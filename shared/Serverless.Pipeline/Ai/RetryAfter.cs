using System.Globalization;
using System.Net.Http.Headers;

namespace Serverless.Pipeline.Ai;

/// <summary>Reads a server's retry hint: <c>retry-after-ms</c> (Azure OpenAI, the inference app) first, then <c>Retry-After</c> (seconds or a date).</summary>
internal static class RetryAfter
{
    public static TimeSpan? From(HttpResponseMessage response, TimeProvider time)
    {
        if (response.Headers.TryGetValues("retry-after-ms", out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        return From(response.Headers.RetryAfter, time);
    }

    private static TimeSpan? From(RetryConditionHeaderValue? header, TimeProvider time)
    {
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }
}
