using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Lumen.Web.Security;

/// <summary>429 with <c>Retry-After</c> in whole seconds (rounded up, at least 1) and a one-line text body.</summary>
public sealed class TooManyRequestsResult(TimeSpan retryAfter) : IResult
{
    public TimeSpan RetryAfter { get; } = retryAfter;

    public int RetryAfterSeconds => (int)Math.Clamp(Math.Ceiling(RetryAfter.TotalSeconds), 1, int.MaxValue);

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        httpContext.Response.Headers.CacheControl = "no-store";
        httpContext.Response.ContentType = "text/plain; charset=utf-8";
        return httpContext.Response.WriteAsync(
            string.Create(CultureInfo.InvariantCulture, $"too many attempts; try again in {RetryAfterSeconds} s\n"), httpContext.RequestAborted);
    }
}
