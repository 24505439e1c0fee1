namespace Lumen.Core.Coordination;

/// <summary>A coordinator that can show the whole fleet without claiming anything (docs/scale-out.md, "Seeing the fleet").</summary>
public interface IFleetReader
{
    /// <summary>The live replicas and who holds what; throws when the engine cannot be read.</summary>
    Task<FleetView> ReadFleetAsync(CancellationToken cancellationToken);
}
