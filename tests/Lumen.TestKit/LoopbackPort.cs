using System.Net;
using System.Net.Sockets;

namespace Lumen.TestKit;

/// <summary>
/// Ports on 127.0.0.1 for servers a test runs in-process: the operating system picks a free port
/// when the socket binds port 0, and the test reads it back from the bound socket. The socket is never
/// closed and reopened (probing a port and releasing it races with every other test on the machine).
/// </summary>
public static class LoopbackPort
{
    /// <summary>A started listener on 127.0.0.1 and a port the system chose; the caller owns (and stops) it.</summary>
    public static TcpListener Listen()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return listener;
    }

    /// <summary>The port a started listener is bound to.</summary>
    public static int PortOf(TcpListener listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// A port nothing listens on right now, for the two cases where a bound socket cannot be handed
    /// over: a child process that must be told its port on the command line (Prometheus, etcd,
    /// <c>lumen run --port</c>), and a URL that must refuse connections. The system picks it (bind to
    /// port 0) and it is released at once, so another process may take it before the child binds it;
    /// in-process servers use <see cref="Listen"/> or <see cref="LoopbackHttpServer"/> instead.
    /// </summary>
    public static int Unbound()
    {
        using var listener = Listen();
        return PortOf(listener);
    }
}
