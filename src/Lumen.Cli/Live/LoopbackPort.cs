using System.Net;
using System.Net.Sockets;

namespace Lumen.Cli.Live;

/// <summary>A loopback port free at the moment of asking, for programs that cannot bind port 0 and report it.
/// Another process may take it before the child binds it: callers retry a start that fails.</summary>
internal static class LoopbackPort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
