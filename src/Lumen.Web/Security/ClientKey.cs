using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace Lumen.Web.Security;

/// <summary>
/// Who is attempting, for throttling: the peer address (forwarded headers are not trusted: anyone
/// could set them). An IPv6 client is keyed by its /64, since one host usually holds a whole /64.
/// </summary>
public static class ClientKey
{
    public static string Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return Of(http.Connection.RemoteIpAddress);
    }

    public static string Of(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
