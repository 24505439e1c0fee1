using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Lumen.Web.Security;

/// <summary>
/// Reads a URL-encoded form within <see cref="FormLimits"/> without ever letting an oversized or
/// malformed body throw out of the endpoint (which would answer 500 and log a stack trace). The body
/// is read into a buffer of at most <see cref="FormLimits.MaxBodyBytes"/> + 1 bytes, whatever the
/// Content-Length or chunking says, then parsed with ASP.NET Core's <see cref="FormReader"/> under the
/// field limits.
/// </summary>
public static class BoundedForm
{
    public static async Task<FormRead> ReadAsync(HttpRequest request, FormLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(limits);
        if (request.ContentType is not { } type
            || !type.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return FormRead.Refused(StatusCodes.Status415UnsupportedMediaType, "expected an application/x-www-form-urlencoded form");
        }

        if (request.ContentLength > limits.MaxBodyBytes)
        {
            return FormRead.Refused(StatusCodes.Status413PayloadTooLarge, $"the form is larger than {limits.MaxBodyBytes} bytes");
        }

        var buffer = new byte[limits.MaxBodyBytes + 1];
        var length = 0;
        try
        {
            int read;
            while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
            }
        }
        catch (Exception e) when (e is IOException or BadHttpRequestException)
        {
            return FormRead.Refused(StatusCodes.Status400BadRequest, "the form could not be read");
        }

        if (length > limits.MaxBodyBytes)
        {
            return FormRead.Refused(StatusCodes.Status413PayloadTooLarge, $"the form is larger than {limits.MaxBodyBytes} bytes");
        }

        try
        {
            using var body = new MemoryStream(buffer, 0, length, writable: false);
            using var reader = new FormReader(body)
            {
                ValueCountLimit = limits.MaxFields,
                KeyLengthLimit = limits.MaxKeyLength,
                ValueLengthLimit = limits.MaxValueLength,
            };
            Dictionary<string, StringValues> fields = await reader.ReadFormAsync(cancellationToken).ConfigureAwait(false);
            return FormRead.Ok(new FormCollection(fields));
        }
        catch (InvalidDataException e) when (e.Message.Contains("Key length", StringComparison.Ordinal))
        {
            return FormRead.Refused(StatusCodes.Status400BadRequest, $"a field name is longer than {limits.MaxKeyLength} characters");
        }
        catch (InvalidDataException)
        {
            return FormRead.Refused(StatusCodes.Status413PayloadTooLarge,
                $"the form has more than {limits.MaxFields} fields or a value longer than {limits.MaxValueLength} characters");
        }
    }
}
