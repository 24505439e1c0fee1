namespace Lumen.Web.Security;

/// <summary>Bounds on a small URL-encoded form (the console's sign-in and decision forms).</summary>
/// <param name="MaxBodyBytes">The whole body (default 16 KiB); larger → 413.</param>
/// <param name="MaxFields">Fields (default 16); more → 413.</param>
/// <param name="MaxKeyLength">A field name's length (default 64); longer → 400.</param>
/// <param name="MaxValueLength">A field value's length (default 4,096); longer → 413.</param>
public sealed record FormLimits(int MaxBodyBytes = 16 * 1024, int MaxFields = 16, int MaxKeyLength = 64, int MaxValueLength = 4096)
{
    public static FormLimits Default { get; } = new();
}
