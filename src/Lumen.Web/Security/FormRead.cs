using Microsoft.AspNetCore.Http;

namespace Lumen.Web.Security;

/// <summary>A bounded form read: the form, or the status to answer (400 malformed, 413 too large, 415 not a URL-encoded form) and why.</summary>
public sealed record FormRead(IFormCollection? Form, int Status, string? Problem)
{
    public bool IsOk => Form is not null;

    public static FormRead Ok(IFormCollection form) => new(form, StatusCodes.Status200OK, null);

    public static FormRead Refused(int status, string problem) => new(null, status, problem);
}
