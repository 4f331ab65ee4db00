using System.Net;
using System.Net.Sockets;

namespace Bodywork.Engine.Tests.Support;

/// <summary>
/// Ports for services that tests start (Python stages, process-kubelet pods). Asking the kernel for
/// port 0 and releasing it hands out ephemeral ports that the fake API servers, HTTP clients and other
/// test runs on the same machine are handed too, so a service could end up sharing its port with a
/// server another test is tearing down. These come from below the ephemeral range instead
/// (Linux: 32768+, Windows/macOS: 49152+), each process from its own slice, never twice in one run.
/// </summary>
public static class TestPorts
{
    private const int First = 20000;
    private const int Slices = 24;
    private const int SliceSize = 500;
    private static int _next = First + (Environment.ProcessId % Slices * SliceSize);

    /// <summary>A port nothing listens on now, on any address, not handed out before in this process.</summary>
    public static int Free()
    {
        for (var attempt = 0; attempt < Slices * SliceSize; attempt++)
        {
            var port = Interlocked.Increment(ref _next);
            if (port >= First + (Slices * SliceSize))
            {
                Interlocked.Exchange(ref _next, First);
                continue;
            }

            if (CanListen(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"no free port between {First} and {First + (Slices * SliceSize)}");
    }

    private static bool CanListen(int port)
    {
        try
        {
            // Any (not Loopback): stage services listen on 0.0.0.0, which conflicts with more than 127.0.0.1 does.
            using var listener = new TcpListener(IPAddress.Any, port);
            listener.Server.ExclusiveAddressUse = true;
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
