namespace Lumen.Core.Decisions.Bandit;

/// <summary>
/// Per-decision settings taken from the stage policy: <c>Alpha</c> = <c>linucb_alpha</c> (the
/// width of the confidence band, ≥ 0) and <c>Conservative</c> for prod-like stages.
/// </summary>
public readonly record struct LinUcbSettings(double Alpha, bool Conservative)
{
    public void Validate()
    {
        if (!(Alpha >= 0) || !double.IsFinite(Alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "linucb_alpha must be a finite number ≥ 0.");
        }
    }
}
