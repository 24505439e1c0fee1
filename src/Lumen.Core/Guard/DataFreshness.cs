namespace Lumen.Core.Guard;

/// <summary>Whether the service's latest SLI readings are usable: only <c>Fresh</c> data may lead to an action.</summary>
public enum DataFreshness
{
    Fresh = 0,
    Stale = 1,
    Missing = 2,
}
