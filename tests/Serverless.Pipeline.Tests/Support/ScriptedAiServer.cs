using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using UglyToad.PdfPig;

namespace Serverless.Pipeline.Tests.Support;

/// <summary>
/// A small real HTTP server on 127.0.0.1 that speaks the OpenAI chat-completions and embeddings API (also under
/// Azure OpenAI's deployment paths) and the inference app's contract B (/v1/ocr, /v1/summarize, /v1/classify).
/// Chat answers come from a script (then <see cref="DefaultChatContent"/>); <see cref="Rule"/> can answer any call
/// (429 storms); every call is recorded, and the largest number of calls in flight at once is tracked.
/// </summary>
public sealed class ScriptedAiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ScriptedReply> _script = new();
    private readonly List<RecordedCall> _calls = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _inFlight;
    private int _maxInFlight;
    private int _number;

    private ScriptedAiServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>When set, every /v1/* call must carry it as api-key or bearer token (401 otherwise), as in contract B.</summary>
    public string? ApiKey { get; set; }

    public string DefaultChatContent { get; set; } = """{"label":"invoice","confidence":0.91,"rationale":"Mentions an invoice number and a total due."}""";

    /// <summary>The default answer to a chat call whose response format is the "summary" schema.</summary>
    public string DefaultSummaryContent { get; set; } = """{"summary":"An invoice from ACME Office Supplies for 396.60 GBP, due in 30 days."}""";

    /// <summary>Answers a call before the script does (return null to let the call through).</summary>
    public Func<RecordedCall, ScriptedReply?>? Rule { get; set; }

    public TimeSpan Latency { get; set; }

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public IReadOnlyList<RecordedCall> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    public static async Task<ScriptedAiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new ScriptedAiServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.BaseAddress = new Uri(app.Urls.First() + "/");
        return server;
    }

    public void Enqueue(params ScriptedReply[] replies)
    {
        foreach (var reply in replies)
        {
            _script.Enqueue(reply);
        }
    }

    public IReadOnlyList<RecordedCall> CallsTo(string pathEnd) => [.. Calls.Where(c => c.Path.EndsWith(pathEnd, StringComparison.Ordinal))];

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var now = Interlocked.Increment(ref _inFlight);
        for (var max = Volatile.Read(ref _maxInFlight); now > max; max = Volatile.Read(ref _maxInFlight))
        {
            if (Interlocked.CompareExchange(ref _maxInFlight, now, max) == max)
            {
                break;
            }
        }

        try
        {
            await RespondAsync(context);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task RespondAsync(HttpContext context)
    {
        var request = context.Request;
        byte[] bodyBytes;
        using (var buffer = new MemoryStream())
        {
            await request.Body.CopyToAsync(buffer);
            bodyBytes = buffer.ToArray();
        }

        var headers = request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        var isMultipart = request.ContentType?.StartsWith("multipart/", StringComparison.Ordinal) == true;
        var call = new RecordedCall(Interlocked.Increment(ref _number), request.Path.Value ?? "", isMultipart ? "" : Encoding.UTF8.GetString(bodyBytes), headers, _clock.ElapsedMilliseconds);
        lock (_calls)
        {
            _calls.Add(call);
        }

        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency);
        }

        if (ApiKey is not null && headers.GetValueOrDefault("api-key") != ApiKey && headers.GetValueOrDefault("authorization") != "Bearer " + ApiKey)
        {
            await ProblemAsync(context, new ScriptedReply(401));
            return;
        }

        var path = call.Path;
        var ruled = Rule?.Invoke(call);
        if (ruled is { Status: not 200 })
        {
            await ProblemAsync(context, ruled);
            return;
        }

        if (path.EndsWith("/chat/completions", StringComparison.Ordinal))
        {
            var isSummary = JsonNode.Parse(call.Body)?["response_format"]?["json_schema"]?["name"]?.GetValue<string>() == "summary";
            var reply = ruled ?? (_script.TryDequeue(out var next) ? next : ScriptedReply.Chat(isSummary ? DefaultSummaryContent : DefaultChatContent));
            if (reply.Status != 200)
            {
                await ProblemAsync(context, reply);
                return;
            }

            await JsonAsync(context, ChatCompletion(call.Body, reply.Content ?? ""));
        }
        else if (path.EndsWith("/embeddings", StringComparison.Ordinal))
        {
            await JsonAsync(context, Embeddings(call.Body));
        }
        else if (path == "/v1/ocr")
        {
            var form = await new FormReader(bodyBytes, request.ContentType!).ReadFileAsync();
            await JsonAsync(context, Ocr(form));
        }
        else if (path == "/v1/summarize")
        {
            var text = JsonNode.Parse(call.Body)!["text"]!.GetValue<string>();
            var first = text.Split('.', 2)[0].Trim() + ".";
            await JsonAsync(context, new JsonObject
            {
                ["summary"] = first,
                ["model"] = "serverless-textrank-v1",
                ["sentences"] = new JsonArray(),
                ["usage"] = new JsonObject { ["promptTokens"] = text.Length / 4, ["completionTokens"] = first.Length / 4, ["totalTokens"] = (text.Length + first.Length) / 4 },
            });
        }
        else if (path == "/v1/classify")
        {
            var json = JsonNode.Parse(call.Body)!;
            var text = json["text"]!.GetValue<string>().ToLowerInvariant();
            var labels = json["labels"]!.AsArray().Select(l => l!["name"]!.GetValue<string>()).ToList();
            var best = labels.OrderByDescending(l => CountOf(text, l)).First();
            await JsonAsync(context, new JsonObject
            {
                ["label"] = best,
                ["confidence"] = 0.83,
                ["rationale"] = $"Matched the term '{best}'.",
                ["model"] = "serverless-lexical-classifier-v1",
                ["scores"] = new JsonArray(),
                ["usage"] = new JsonObject { ["promptTokens"] = text.Length / 4, ["completionTokens"] = 0, ["totalTokens"] = text.Length / 4 },
            });
        }
        else
        {
            await ProblemAsync(context, new ScriptedReply(404));
        }
    }

    private static int CountOf(string text, string word)
    {
        var count = 0;
        for (var i = text.IndexOf(word, StringComparison.Ordinal); i >= 0; i = text.IndexOf(word, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static JsonObject ChatCompletion(string body, string content)
    {
        var model = JsonNode.Parse(body)?["model"]?.GetValue<string>() ?? "unknown";
        return new JsonObject
        {
            ["id"] = "chatcmpl-scripted",
            ["object"] = "chat.completion",
            ["created"] = 1_764_000_000,
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
                ["finish_reason"] = "stop",
            }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 120, ["completion_tokens"] = 30, ["total_tokens"] = 150 },
        };
    }

    private static JsonObject Embeddings(string body)
    {
        var json = JsonNode.Parse(body)!;
        var input = json["input"]!;
        var texts = input is JsonArray array ? array.Select(t => t!.GetValue<string>()).ToList() : [input.GetValue<string>()];
        var data = new JsonArray();
        var tokens = 0;
        for (var i = 0; i < texts.Count; i++)
        {
            tokens += texts[i].Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            data.Add(new JsonObject { ["object"] = "embedding", ["index"] = i, ["embedding"] = new JsonArray([.. HashedVector(texts[i]).Select(v => (JsonNode)v)]) });
        }

        return new JsonObject
        {
            ["object"] = "list",
            ["data"] = data,
            ["model"] = json["model"]?.GetValue<string>() ?? "snowflake-arctic-embed-xs",
            ["usage"] = new JsonObject { ["prompt_tokens"] = tokens, ["total_tokens"] = tokens },
        };
    }

    /// <summary>A deterministic bag-of-words vector (16 dimensions): texts sharing words are close.</summary>
    public static float[] HashedVector(string text)
    {
        var vector = new float[16];
        foreach (var word in text.ToLowerInvariant().Split([' ', '.', ',', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            vector[(int)((uint)StableHash(word) % 16)] += 1;
        }

        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        return norm == 0 ? vector : [.. vector.Select(v => v / norm)];
    }

    private static int StableHash(string word) => word.Aggregate(17, (h, c) => unchecked((h * 31) + c));

    private static JsonObject Ocr(byte[] file)
    {
        var pages = 1;
        if (file.AsSpan().StartsWith("%PDF-"u8))
        {
            using var pdf = PdfDocument.Open(file);
            pages = pdf.NumberOfPages;
        }

        var array = new JsonArray();
        for (var p = 1; p <= pages; p++)
        {
            array.Add(new JsonObject
            {
                ["pageNumber"] = p,
                ["width"] = 1240,
                ["height"] = 1754,
                ["text"] = $"Scanned page {p}. INVOICE No. 77-{p} Total due 42.00 GBP",
                ["meanConfidence"] = 91.5,
                ["words"] = new JsonArray(),
            });
        }

        return new JsonObject { ["engine"] = "tesseract", ["pageCount"] = pages, ["durationMs"] = 12.5, ["pages"] = array };
    }

    private static async Task JsonAsync(HttpContext context, JsonNode body)
    {
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    private static async Task ProblemAsync(HttpContext context, ScriptedReply reply)
    {
        context.Response.StatusCode = reply.Status;
        foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        context.Response.ContentType = "application/problem+json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new { type = "about:blank", title = "scripted", status = reply.Status, detail = "Scripted failure." }));
    }
}
