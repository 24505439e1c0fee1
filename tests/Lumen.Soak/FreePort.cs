using System.Net;
using System.Net.Sockets;

namespace Lumen.Soak;

/// <summary>A loopback port free at the moment of asking (for processes that cannot bind port 0 and report it).</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
