namespace Bodywork.Engine.Kubernetes.Models;

/// <summary>A readiness, liveness or startup probe: exactly one of tcpSocket, httpGet or exec.</summary>
public sealed record Probe
{
    public TcpSocketAction? TcpSocket { get; init; }
    public HttpGetAction? HttpGet { get; init; }
    public ExecAction? Exec { get; init; }
    public int? InitialDelaySeconds { get; init; }
    public int? PeriodSeconds { get; init; }
    public int? TimeoutSeconds { get; init; }
    public int? SuccessThreshold { get; init; }
    public int? FailureThreshold { get; init; }
}

/// <summary>Probe by opening a TCP connection.</summary>
public sealed record TcpSocketAction
{
    public IntOrString Port { get; init; }
    public string? Host { get; init; }
}

/// <summary>Probe by an HTTP GET (2xx/3xx = success).</summary>
public sealed record HttpGetAction
{
    public string? Path { get; init; }
    public IntOrString Port { get; init; }
    public string? Host { get; init; }

    /// <summary>HTTP or HTTPS.</summary>
    public string? Scheme { get; init; }

    public IReadOnlyList<HttpHeader>? HttpHeaders { get; init; }
}

/// <summary>A header sent by an httpGet probe.</summary>
public sealed record HttpHeader
{
    public string Name { get; init; } = "";
    public string Value { get; init; } = "";
}

/// <summary>Probe by running a command in the container (exit 0 = success).</summary>
public sealed record ExecAction
{
    public IReadOnlyList<string>? Command { get; init; }
}
