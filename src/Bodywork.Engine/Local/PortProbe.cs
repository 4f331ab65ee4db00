using System.Net;
using System.Net.Sockets;

namespace Bodywork.Engine.Local;

/// <summary>Checks local TCP ports: is something listening, could a service bind.</summary>
internal static class PortProbe
{
    /// <summary>True when a connection to 127.0.0.1:<paramref name="port"/> is accepted within <paramref name="timeout"/>.</summary>
    public static async Task<bool> AcceptsConnectionsAsync(int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var client = new TcpClient(AddressFamily.InterNetwork);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, limit.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>
    /// True when the port is taken: something accepts connections on it, or binding it on all addresses
    /// fails (a listener on another address). Address reuse is allowed while binding, as Python's
    /// http.server does, so connections in TIME_WAIT do not count.
    /// </summary>
    public static async Task<bool> IsInUseAsync(int port, CancellationToken cancellationToken)
    {
        if (await AcceptsConnectionsAsync(port, TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (!OperatingSystem.IsWindows())
            {
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            }

            socket.Bind(new IPEndPoint(IPAddress.Any, port));
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
    }
}
