using Microsoft.AspNetCore.Mvc;

namespace Serverless.Inference.Serving;

internal static class Problems
{
    public const string TypePrefix = "https://serverless.local/problems/";

    public static ProblemDetails Create(int status, string problemType, string title, string detail, HttpContext context) => new()
    {
        Type = TypePrefix + problemType,
        Title = title,
        Status = status,
        Detail = detail,
        Instance = context.Request.Path,
    };

    public static async Task WriteAsync(HttpContext context, int status, string problemType, string title, string detail)
    {
        context.Response.StatusCode = status;
        var writer = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await writer.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = Create(status, problemType, title, detail, context),
        });
    }
}
