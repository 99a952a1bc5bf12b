using System.Net;
using System.Net.Sockets;

namespace LaunchPath.Api.Infrastructure.Http;

/// <summary>
/// Connections the server opens to addresses its users supply (a district's SIS): only to public addresses, checked on
/// the address actually connected to (so a name that resolves differently later cannot slip through), unless a
/// development or test setting allows private ones.
/// </summary>
public static class OutboundConnections
{
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> PublicOnly(bool allowPrivate) => async (context, cancellationToken) =>
    {
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
        var allowed = addresses.Where(a => allowPrivate || IsPublic(a)).ToArray();
        if (allowed.Length == 0)
        {
            throw new RefusedAddress($"{context.DnsEndPoint.Host} is not a public address; LaunchPath connects only to public services.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    };

    /// <summary>The address named is not one the server may connect to.</summary>
    public sealed class RefusedAddress(string message) : IOException(message);

    /// <summary>Not loopback, private (RFC 1918, unique-local), link-local, carrier-grade NAT, unspecified or multicast.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast);
        }

        var b = address.GetAddressBytes();
        return !(b[0] == 10 || b[0] == 0 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254)
                 || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) || b[0] >= 224);
    }
}
