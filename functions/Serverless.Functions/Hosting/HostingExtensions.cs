using System.Globalization;

namespace Serverless.Functions.Hosting;

internal static class HostingExtensions
{
    /// <summary>The port the Azure Functions host tells a custom handler to listen on.</summary>
    public const string CustomHandlerPortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>The address of local host mode when nothing else is configured.</summary>
    public const string DefaultLocalUrl = "http://127.0.0.1:7071";

    /// <summary>
    /// Chooses where Kestrel listens: the Functions host's port in Functions mode, else the
    /// configured URLs (--urls, ASPNETCORE_URLS), else the local default.
    /// </summary>
    public static WebApplicationBuilder ConfigureServerlessHost(this WebApplicationBuilder builder)
    {
        var port = builder.Configuration[CustomHandlerPortVariable];
        if (!string.IsNullOrWhiteSpace(port))
        {
            if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535)
            {
                throw new InvalidOperationException($"{CustomHandlerPortVariable} must be a TCP port number, got '{port}'.");
            }

            builder.WebHost.UseUrls($"http://127.0.0.1:{p}");
        }
        else if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultLocalUrl);
        }

        builder.Services.AddProblemDetails();
        return builder;
    }

    /// <summary>Every error leaves as RFC 7807 problem details, never with a stack trace.</summary>
    public static WebApplication UseServerlessErrors(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }
}
