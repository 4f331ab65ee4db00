using System.Net;
using System.Net.Sockets;

using Bodywork.Engine.Tests.Support;
using Xunit;

namespace Bodywork.Engine.Tests.Workflows.Kubernetes;

/// <summary>
/// End-to-end runs start real processes (the fake's process kubelet) and services on ports: one at a time,
/// so a loaded machine does not turn them into timing tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class E2eGroup
{
    public const string Name = "Kubernetes workflow end to end";

    /// <summary>A TCP port nobody listens on right now.</summary>
    public static int FreePort() => TestPorts.Free();
}
