using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Lumen.Web.Security;

/// <summary><c>app.MapPost(...).RequireBearer(gate)</c>: 401 without the right bearer token, 429 with Retry-After when throttled.</summary>
public static class BearerGateExtensions
{
    public static TBuilder RequireBearer<TBuilder>(this TBuilder builder, BearerGate gate)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(gate);
        builder.AddEndpointFilter(async (context, next) =>
        {
            return gate.Check(context.HttpContext, out var retryAfter) switch
            {
                BearerCheck.Valid => await next(context).ConfigureAwait(false),
                BearerCheck.Throttled => new TooManyRequestsResult(retryAfter),
                _ => Results.Text("a valid bearer token is required\n", statusCode: StatusCodes.Status401Unauthorized),
            };
        });
        return builder;
    }
}
